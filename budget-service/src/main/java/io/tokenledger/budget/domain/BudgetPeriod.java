package io.tokenledger.budget.domain;

/**
 * The window a budget's spend is counted in. TOTAL is one window for all time (it never resets); ROLLING is the
 * budget's rolling length ending at the call (see {@link RollingBuckets}); CUSTOM repeats the budget's
 * {@link CustomCalendar} (fiscal months, quarters, sprints).
 */
public enum BudgetPeriod {
    DAY,
    MONTH,
    HOUR,
    WEEK,
    TOTAL,
    ROLLING,
    CUSTOM
}

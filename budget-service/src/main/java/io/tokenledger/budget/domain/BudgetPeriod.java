package io.tokenledger.budget.domain;

/**
 * The window a budget's spend is counted in. TOTAL is one window for all time (it never resets); ROLLING is the
 * budget's rolling length ending at the call (see {@link RollingBuckets}).
 */
public enum BudgetPeriod {
    DAY,
    MONTH,
    HOUR,
    WEEK,
    TOTAL,
    ROLLING
}

package io.tokenledger.budget.domain;

/** The window a budget's spend is counted in. TOTAL is one window for all time (it never resets). */
public enum BudgetPeriod {
    DAY,
    MONTH,
    HOUR,
    WEEK,
    TOTAL
}

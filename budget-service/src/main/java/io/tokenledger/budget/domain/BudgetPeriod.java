package io.tokenledger.budget.domain;

/** The calendar window a budget's spend is counted in. */
public enum BudgetPeriod {
    DAY,
    MONTH
}

package io.tokenledger.budget.domain;

/** The live state of a budget in one window. */
public record BudgetStatus(Budget budget, Window window, long spentNanos) {

    /** limit - spent; negative when overspent. */
    public long remainingNanos() {
        return budget.limitNanos() - spentNanos;
    }
}

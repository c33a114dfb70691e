package io.tokenledger.budget.domain;

/**
 * The live state of a budget in one window: charged spend and open reservations, both in the budget's unit
 * (nano-USD, or tokens for a token budget).
 */
public record BudgetStatus(Budget budget, Window window, long spentNanos, long reservedNanos) {

    public BudgetStatus(Budget budget, Window window, long spentNanos) {
        this(budget, window, spentNanos, 0L);
    }

    /** limit - spent; negative when overspent. */
    public long remainingNanos() {
        return budget.limit() - spentNanos;
    }

    /** spent + reserved: what a new reservation is checked on top of. */
    public long committedNanos() {
        return Math.addExact(spentNanos, reservedNanos);
    }
}

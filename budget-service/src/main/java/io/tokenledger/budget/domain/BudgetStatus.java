package io.tokenledger.budget.domain;

/** The live state of a budget in one window: charged spend and open reservations. */
public record BudgetStatus(Budget budget, Window window, long spentNanos, long reservedNanos) {

    public BudgetStatus(Budget budget, Window window, long spentNanos) {
        this(budget, window, spentNanos, 0L);
    }

    /** limit - spent; negative when overspent. */
    public long remainingNanos() {
        return budget.limitNanos() - spentNanos;
    }

    /** spent + reserved: what a new reservation is checked on top of. */
    public long committedNanos() {
        return Math.addExact(spentNanos, reservedNanos);
    }
}

package io.tokenledger.budget.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a pre-flight check: the decision, which budget decided it and why, the reservation holding the
 * estimate when admitted, and the shadow budgets that would have denied it.
 */
public record CheckOutcome(Decision decision, long estimateNanos, long estimateTokens, List<BudgetStatus> statuses,
                           Optional<String> decidingBudgetId, String reason, Optional<String> reservationId,
                           Optional<Instant> reservationExpiry, List<String> shadowDenials) {

    public CheckOutcome {
        statuses = List.copyOf(statuses);
        shadowDenials = List.copyOf(shadowDenials);
    }

    public CheckOutcome(Decision decision, long estimateNanos, List<BudgetStatus> statuses,
                        Optional<String> decidingBudgetId, String reason) {
        this(decision, estimateNanos, 0L, statuses, decidingBudgetId, reason, Optional.empty(), Optional.empty(), List.of());
    }

    public CheckOutcome withReservation(String id, Instant expiry) {
        return new CheckOutcome(decision, estimateNanos, estimateTokens, statuses, decidingBudgetId, reason, Optional.of(id),
                Optional.of(expiry), shadowDenials);
    }
}

package io.tokenledger.budget.domain;

import java.time.Instant;
import java.util.Map;

/**
 * The actual cost of one event, to charge to every matching budget exactly once.
 *
 * @param reservationId the CheckBudget reservation this charge settles, or "" for none
 * @param totalTokens   the event's total tokens, counted by token budgets
 * @param correction    a correction's charge (a reversal or a corrected amount): its amounts may be negative
 */
public record SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions,
                          long costNanos, String reservationId, long totalTokens, boolean correction) {

    public SpendCharge {
        dimensions = Map.copyOf(dimensions);
    }

    public SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions,
                       long costNanos, String reservationId, long totalTokens) {
        this(eventId, tenantId, occurredAt, dimensions, costNanos, reservationId, totalTokens, false);
    }

    public SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions,
                       long costNanos, String reservationId) {
        this(eventId, tenantId, occurredAt, dimensions, costNanos, reservationId, 0L);
    }

    public SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions, long costNanos) {
        this(eventId, tenantId, occurredAt, dimensions, costNanos, "");
    }
}

package io.tokenledger.budget.domain;

import java.time.Instant;
import java.util.Map;

/**
 * The actual cost of one event, to charge to every matching budget exactly once.
 *
 * @param reservationId the CheckBudget reservation this charge settles, or "" for none
 */
public record SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions,
                          long costNanos, String reservationId) {

    public SpendCharge {
        dimensions = Map.copyOf(dimensions);
    }

    public SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions, long costNanos) {
        this(eventId, tenantId, occurredAt, dimensions, costNanos, "");
    }
}

package io.tokenledger.budget.domain;

import java.time.Instant;
import java.util.Map;

/** The actual cost of one event, to charge to every matching budget exactly once. */
public record SpendCharge(String eventId, String tenantId, Instant occurredAt, Map<String, String> dimensions, long costNanos) {

    public SpendCharge {
        dimensions = Map.copyOf(dimensions);
    }
}

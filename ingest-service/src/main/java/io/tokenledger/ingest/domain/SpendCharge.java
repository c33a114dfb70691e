package io.tokenledger.ingest.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actual spend of one event, charged to every budget whose scope matches its dimensions. A correction's charges
 * ({@code correction} true) may be negative: the reversal of what the target charged.
 */
public record SpendCharge(String eventId, String tenantId, Instant occurredTime, Map<String, String> dimensions,
        long costNanos, boolean correction) {

    public SpendCharge {
        dimensions = Map.copyOf(dimensions);
    }

    /**
     * Budgets are scoped by the attributed dimensions plus the model the event was priced as, so the
     * resolved provider and model win over what the client reported (falling back to it when pricing
     * could not resolve them).
     */
    public static SpendCharge of(UsageEvent event, PricedEvent priced, Map<String, String> attributed) {
        Map<String, String> dimensions = new LinkedHashMap<>(attributed);
        dimensions.put("provider", priced.resolvedProvider().isEmpty() ? event.provider() : priced.resolvedProvider());
        dimensions.put("model", priced.resolvedModel().isEmpty() ? event.model() : priced.resolvedModel());
        return new SpendCharge(event.eventId(), event.tenantId(), event.occurredTime().orElseThrow(), dimensions,
                priced.costNanos(), false);
    }
}

package io.tokenledger.ingest.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actual spend of one event, charged to every budget whose scope matches its dimensions. A correction's charges
 * ({@code correction} true) may be negative: the reversal of what the target charged.
 *
 * @param totalTokens the event's total tokens (every {@code *_tokens} usage class), counted by token budgets
 */
public record SpendCharge(String eventId, String tenantId, Instant occurredTime, Map<String, String> dimensions,
        long costNanos, boolean correction, long totalTokens) {

    public SpendCharge {
        dimensions = Map.copyOf(dimensions);
    }

    /** A charge without a token count (token budgets see 0 tokens). */
    public SpendCharge(String eventId, String tenantId, Instant occurredTime, Map<String, String> dimensions,
            long costNanos, boolean correction) {
        this(eventId, tenantId, occurredTime, dimensions, costNanos, correction, 0L);
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
                priced.costNanos(), false, totalTokens(event.usage()));
    }

    /** The sum of every {@code *_tokens} class of a usage (epochs, requests and web searches are not tokens). */
    static long totalTokens(Map<String, Long> usage) {
        long total = 0;
        for (Map.Entry<String, Long> entry : usage.entrySet()) {
            if (entry.getKey().endsWith("_tokens")) {
                total = Math.addExact(total, entry.getValue());
            }
        }
        return total;
    }
}

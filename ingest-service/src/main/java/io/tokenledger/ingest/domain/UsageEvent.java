package io.tokenledger.ingest.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One reported LLM call, as received (not yet validated).
 *
 * @param usage the canonical usage counts keyed by their API field name (e.g. {@code input_tokens}),
 *              in API order, so that violations can name the exact field
 * @param serviceTier  the tier the call ran on; UNSPECIFIED when neither the event nor its provider usage said
 * @param reportedCost the provider's or gateway's reported cost as a decimal string of USD; empty when none
 * @param promptPrefixHash   the client's opaque hash of the prompt's leading part; empty when not sent
 * @param promptPrefixTokens the prompt tokens that prefix covers; 0 when not sent
 * @param correction   what the event corrects ({@link Correction#NONE} for an ordinary event)
 */
public record UsageEvent(
        String eventId,
        String tenantId,
        Optional<Instant> occurredTime,
        String provider,
        String model,
        Map<String, Long> usage,
        Map<String, String> labels,
        String traceId,
        ServiceTier serviceTier,
        String reportedCost,
        String promptPrefixHash,
        long promptPrefixTokens,
        Correction correction) {

    public UsageEvent {
        usage = Collections.unmodifiableMap(new LinkedHashMap<>(usage));
        labels = Map.copyOf(labels);
    }

    public EventKey key() {
        return new EventKey(tenantId, eventId);
    }

    /** The key of the event a correction corrects (its tenant's, by target id). */
    public EventKey targetKey() {
        return new EventKey(tenantId, correction.targetEventId());
    }
}

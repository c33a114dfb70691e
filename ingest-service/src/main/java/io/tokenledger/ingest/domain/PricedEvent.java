package io.tokenledger.ingest.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pricing's answer for one event.
 *
 * @param breakdown cost per class in nano-USD, keyed by the API field name (e.g. {@code input_nanos})
 * @param listCostNanos the cost at the public list price; equals {@code costNanos} unless a tenant price applied
 */
public record PricedEvent(
        PricingStatus status,
        String unpricedReason,
        long costNanos,
        Map<String, Long> breakdown,
        String priceId,
        String resolvedProvider,
        String resolvedModel,
        long listCostNanos) {

    public PricedEvent {
        breakdown = Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
    }

    public Outcome outcome() {
        return new Outcome(status, unpricedReason, costNanos);
    }
}

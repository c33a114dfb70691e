package io.tokenledger.ingest.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ledger entry in force (attribution's ListLedgerEntries): what an event costs now and how it was priced.
 *
 * @param eventId the event (for a correction entry: the event it corrects)
 * @param usage   canonical usage keyed by API field name, as in {@link UsageEvent}
 */
public record LedgerEntry(String eventId, Instant occurredTime, String provider, String model, Map<String, Long> usage,
        ServiceTier serviceTier, String priceId, long costNanos, PricingStatus status) {

    public LedgerEntry {
        usage = Collections.unmodifiableMap(new LinkedHashMap<>(usage));
    }
}

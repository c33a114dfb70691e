package io.tokenledger.ingest.domain;

import java.util.Map;

/**
 * The pure rules of a re-rating run: when an entry in force is re-rated, and the RERATE correction that does it.
 */
public final class Rerating {

    private Rerating() {
    }

    /**
     * Re-rated when the current book gives another cost, another price version or another pricing status (an UNPRICED
     * entry that now has a price included; one still UNPRICED is left alone).
     */
    public static boolean changed(LedgerEntry entry, PricedEvent now) {
        return entry.status() != now.status() || entry.costNanos() != now.costNanos()
                || !entry.priceId().equals(now.priceId());
    }

    /**
     * The correction's own id: derived from the event and the run (U+00A7 cannot occur in a client's event id), so a
     * retried call of one run never writes or charges twice.
     */
    public static String correctionId(String runId, String eventId) {
        return eventId + CorrectionCharges.SEPARATOR + "rerate" + CorrectionCharges.SEPARATOR + runId;
    }

    /**
     * The entry as a usage event to price: same tenant, provider, model, usage, service tier and occurred time, so
     * pricing applies the version in force at that time under the current book (tenant overrides included). As a
     * correction it is the RERATE of its event.
     */
    public static UsageEvent event(String tenantId, String runId, LedgerEntry entry) {
        return new UsageEvent(correctionId(runId, entry.eventId()), tenantId,
                java.util.Optional.of(entry.occurredTime()), entry.provider(), entry.model(), entry.usage(), Map.of(),
                "", entry.serviceTier(), "", "", 0, new Correction(Correction.Kind.RERATE, entry.eventId()));
    }
}

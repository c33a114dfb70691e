package io.tokenledger.attribution.domain;

import java.time.Instant;

/**
 * A ledger entry in force: the newest entry of an event's correction chain (USAGE, AMEND or RERATE), i.e. what the
 * event costs now. What a re-rating run reads to re-price.
 *
 * @param eventId the event the entry belongs to (a correction entry's target)
 * @param entryId the entry's own ledger id (the event id for USAGE, the correction's id otherwise)
 * @param listCostNanos the cost at the public list price; empty for entries written before the ledger kept it
 */
public record InForceEntry(String eventId, String entryId, String entryKind, Instant occurredAt, ModelRef model,
        Amounts<TokenClass> usage, Dimensions dimensions, ServiceTier serviceTier, String priceId, long costNanos,
        PricingStatus pricingStatus, String unpricedReason, java.util.OptionalLong listCostNanos) {
}

package io.tokenledger.attribution.domain;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A priced usage event as received, before validation. {@code occurredAt} is null when the caller
 * sent no time; {@link CostBatch#validate} rejects that. Strings are never null (empty when unset).
 * {@code promptPrefixHash} is the client's opaque hash of the prompt's leading part (empty when not sent) and
 * {@code promptPrefixTokens} the prompt tokens it covers. {@code reportedCostNanos} is the cost the provider or
 * gateway reported (empty when none), kept for reconciliation only; {@code serviceTier} the tier it was priced on.
 * {@code listCostNanos} is the cost at the public list price (equals {@code costNanos} unless a tenant price applied).
 */
public record CostEntry(String eventId, String tenantId, Instant occurredAt, String provider, String model,
                        Amounts<TokenClass> tokens, Map<String, String> labels, PricingStatus pricingStatus,
                        String unpricedReason, long costNanos, Amounts<CostPart> breakdown, String priceId,
                        String traceId, String promptPrefixHash, long promptPrefixTokens,
                        OptionalLong reportedCostNanos, ServiceTier serviceTier, long listCostNanos) {

    public CostEntry {
        labels = Map.copyOf(labels);
    }

    /** The idempotency key of the entry. */
    public LedgerKey key() {
        return new LedgerKey(tenantId, eventId);
    }
}

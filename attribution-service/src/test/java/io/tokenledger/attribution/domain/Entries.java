package io.tokenledger.attribution.domain;

import java.time.Instant;
import java.util.Map;

/** Test builders of cost entries. */
public final class Entries {

    private Entries() {
    }

    /** A valid priced entry: 1,000 input + 500 output tokens costing 7,500,000 nano-USD. */
    public static CostEntry valid(String eventId) {
        long[] tokens = new long[TokenClass.values().length];
        tokens[TokenClass.INPUT.ordinal()] = 1_000;
        tokens[TokenClass.OUTPUT.ordinal()] = 500;
        long[] parts = new long[CostPart.values().length];
        parts[CostPart.INPUT.ordinal()] = 2_500_000;
        parts[CostPart.OUTPUT.ordinal()] = 5_000_000;
        return new CostEntry(eventId, "acme", Instant.parse("2026-01-15T04:30:00Z"), "openai", "gpt-4o",
                Amounts.of(TokenClass.class, tokens), Map.of("team", "search"), PricingStatus.PRICED, "",
                7_500_000, Amounts.of(CostPart.class, parts), "p-1", "", "", 0, java.util.OptionalLong.empty(), io.tokenledger.attribution.domain.ServiceTier.STANDARD, 7_500_000);
    }

    public static CostEntry withTokens(CostEntry entry, TokenClass tokenClass, long value) {
        long[] tokens = entry.tokens().toArray();
        tokens[tokenClass.ordinal()] = value;
        return new CostEntry(entry.eventId(), entry.tenantId(), entry.occurredAt(), entry.provider(), entry.model(),
                Amounts.of(TokenClass.class, tokens), entry.labels(), entry.pricingStatus(), entry.unpricedReason(),
                entry.costNanos(), entry.breakdown(), entry.priceId(), entry.traceId(),
                entry.promptPrefixHash(), entry.promptPrefixTokens(), entry.reportedCostNanos(), entry.serviceTier(),
                entry.listCostNanos());
    }
}

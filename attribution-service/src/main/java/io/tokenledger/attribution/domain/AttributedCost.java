package io.tokenledger.attribution.domain;

/** A validated entry together with the dimensions it is attributed to: one ledger row. */
public record AttributedCost(CostEntry entry, Dimensions dimensions) {
}

package io.tokenledger.ingest.domain;

/** The final pricing of a completed event. */
public record Outcome(PricingStatus pricingStatus, String unpricedReason, long costNanos) {
}

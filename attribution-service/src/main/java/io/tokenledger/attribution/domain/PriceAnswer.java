package io.tokenledger.attribution.domain;

/** Pricing's answer for one {@link PriceRequest}: the exact cost, or why it could not be priced. */
public record PriceAnswer(boolean priced, long costNanos, String unpricedReason) {
}

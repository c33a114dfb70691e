package io.tokenledger.attribution.domain;

/** Whether an event could be priced. UNSPECIFIED is only ever an invalid input. */
public enum PricingStatus {
    UNSPECIFIED, PRICED, UNPRICED
}

package io.tokenledger.ingest.domain;

/** Whether an event could be priced; an UNPRICED event costs 0 and carries a reason. */
public enum PricingStatus {
    PRICED,
    UNPRICED
}

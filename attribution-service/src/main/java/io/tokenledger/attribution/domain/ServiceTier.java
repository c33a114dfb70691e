package io.tokenledger.attribution.domain;

/**
 * The service tier an event was priced on (stored with its ledger row, so that a re-rating uses the same tier).
 * {@code UNRECOGNIZED} stands for an enum value this build does not know; validation rejects it.
 */
public enum ServiceTier {
    STANDARD, BATCH, PRIORITY, FLEX, UNRECOGNIZED
}

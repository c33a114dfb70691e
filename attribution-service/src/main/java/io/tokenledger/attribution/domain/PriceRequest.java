package io.tokenledger.attribution.domain;

import java.time.Instant;

/** A usage to price on a model at a time, on the standard tier or the provider's batch tier. */
public record PriceRequest(ModelRef model, Instant at, Amounts<TokenClass> tokens, boolean batchTier) {
}

package io.tokenledger.budget.application;

import io.tokenledger.api.common.v1.TokenUsage;
import java.time.Instant;
import java.util.OptionalLong;

/** Prices an expected usage (port to pricing-service). */
public interface UsagePricer {

    /**
     * The cost in nano-USD. Throws {@code TokenLedgerException.Unavailable} when pricing cannot be reached and
     * {@code TokenLedgerException.Invalid} on {@code model} when the usage cannot be priced.
     */
    long price(String tenant, String provider, String model, Instant at, TokenUsage usage);

    /** The cost when it is known without a call to pricing-service (a fresh cached answer), else empty. */
    OptionalLong cachedPrice(String tenant, String provider, String model, TokenUsage usage);
}

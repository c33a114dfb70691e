package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenUsage;
import java.time.Instant;

/** One item to price: a tenant's usage of a reported model at a time, on a service tier. */
public record UsageToPrice(String itemId, String tenantId, String provider, String model, Instant occurredAt,
                           TokenUsage usage, ServiceTier tier) {

    /** A public-price, standard-tier item. */
    public UsageToPrice(String itemId, String provider, String model, Instant occurredAt, TokenUsage usage) {
        this(itemId, "", provider, model, occurredAt, usage, ServiceTier.STANDARD);
    }
}

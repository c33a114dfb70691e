package io.tokenledger.pricing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of pricing-service read in code. */
@ConfigMapping(prefix = "tokenledger.pricing")
public interface PricingConfig {

    /** Whether to add the curated catalog shipped with the service to the price book at startup. */
    @WithDefault("true")
    boolean seedCatalog();
}

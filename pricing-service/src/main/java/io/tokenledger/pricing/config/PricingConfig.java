package io.tokenledger.pricing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Instant;

/** Settings of pricing-service read in code. */
@ConfigMapping(prefix = "tokenledger.pricing")
public interface PricingConfig {

    /** Whether to add the curated catalog shipped with the service to the price book at startup. */
    @WithDefault("true")
    boolean seedCatalog();

    /**
     * Whether to import the full LiteLLM catalog shipped with the service at startup (after the curated seed,
     * which wins for the models it has). Idempotent: versions already in the book are left alone.
     */
    @WithDefault("true")
    boolean importLitellm();

    /** The effective_from of the startup LiteLLM import: the curated seed's date, so past usage is priced too. */
    @WithDefault("2025-01-01T00:00:00Z")
    Instant litellmEffectiveFrom();
}

package io.tokenledger.pricing.application;

import io.quarkus.runtime.StartupEvent;
import io.tokenledger.pricing.config.PricingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Fills the price book at startup (Flyway has migrated by then): seeds the curated catalog idempotently,
 * imports the bundled LiteLLM catalog when enabled, then the snapshot holds everything in the database.
 */
@ApplicationScoped
public class PriceBookLoading {

    private final PriceStore store;
    private final CatalogSource catalog;
    private final PriceBookReload reload;
    private final PriceImport priceImport;
    private final PricingConfig config;

    public PriceBookLoading(PriceStore store, CatalogSource catalog, PriceBookReload reload, PriceImport priceImport,
                            PricingConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.reload = reload;
        this.priceImport = priceImport;
        this.config = config;
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.seedCatalog()) {
            store.seed(catalog.versions(), catalog.aliases());
        }
        reload.reload();
        if (config.importLitellm()) {
            priceImport.importBundledLiteLlm(config.litellmEffectiveFrom());
        }
    }
}

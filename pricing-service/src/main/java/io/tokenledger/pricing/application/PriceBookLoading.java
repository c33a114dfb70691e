package io.tokenledger.pricing.application;

import io.quarkus.runtime.StartupEvent;
import io.tokenledger.pricing.config.PricingConfig;
import io.tokenledger.pricing.domain.PriceCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Fills the price book at startup (Flyway has migrated by then): seeds the shipped catalog idempotently,
 * then loads every version and alias from the database into the in-memory snapshot.
 */
@ApplicationScoped
public class PriceBookLoading {

    private static final Logger LOG = Logger.getLogger(PriceBookLoading.class);

    private final PriceStore store;
    private final CatalogSource catalog;
    private final PriceBook priceBook;
    private final PricingConfig config;

    public PriceBookLoading(PriceStore store, CatalogSource catalog, PriceBook priceBook, PricingConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.priceBook = priceBook;
        this.config = config;
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.seedCatalog()) {
            store.seed(catalog.versions(), catalog.aliases());
        }
        reload();
    }

    /** Reads the whole book from the database and makes it the current snapshot. */
    public PriceCatalog reload() {
        PriceCatalog loaded = PriceCatalog.of(store.loadVersions(), store.loadAliases());
        priceBook.replace(loaded);
        LOG.infof("Price book loaded: %d models, %d aliases", loaded.versions().size(), loaded.aliases().size());
        return loaded;
    }
}

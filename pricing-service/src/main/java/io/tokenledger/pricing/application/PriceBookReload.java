package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.PriceCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Rebuilds the in-memory snapshot from the store and swaps it in atomically. */
@ApplicationScoped
public class PriceBookReload {

    private static final Logger LOG = Logger.getLogger(PriceBookReload.class);

    private final PriceStore store;
    private final TenantPriceStore tenantStore;
    private final PriceBook priceBook;

    public PriceBookReload(PriceStore store, TenantPriceStore tenantStore, PriceBook priceBook) {
        this.store = store;
        this.tenantStore = tenantStore;
        this.priceBook = priceBook;
    }

    /** Reads the whole book from the database and makes it the current snapshot. */
    public synchronized PriceCatalog reload() {
        PriceCatalog loaded = PriceCatalog.of(store.loadVersions(), store.loadAliases(), tenantStore.load());
        priceBook.replace(loaded);
        LOG.infof("Price book loaded: %d models, %d aliases, %d tenant prices", loaded.versions().size(),
                loaded.aliases().size(), loaded.tenantPrices().size());
        return loaded;
    }
}

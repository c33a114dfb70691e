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
    private final TenantDeploymentStore deploymentStore;
    private final PriceBook priceBook;

    public PriceBookReload(PriceStore store, TenantPriceStore tenantStore, TenantDeploymentStore deploymentStore,
                           PriceBook priceBook) {
        this.store = store;
        this.tenantStore = tenantStore;
        this.deploymentStore = deploymentStore;
        this.priceBook = priceBook;
    }

    /** Reads the whole book from the database and makes it the current snapshot. */
    public synchronized PriceCatalog reload() {
        PriceCatalog loaded = PriceCatalog.of(store.loadVersions(), store.loadAliases(), tenantStore.load(),
                deploymentStore.load());
        priceBook.replace(loaded);
        LOG.infof("Price book loaded: %d models, %d aliases, %d tenant prices, %d tenant deployments",
                loaded.versions().size(), loaded.aliases().size(), loaded.tenantPrices().size(),
                loaded.tenantDeployments().size());
        return loaded;
    }
}

package io.tokenledger.pricing.application;

import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.ModelResolution;
import io.tokenledger.pricing.domain.PriceCatalog;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.TenantDeployment;
import io.tokenledger.pricing.domain.TenantPrice;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Changes to the price book by users: a new public price version, or a tenant's own price. Each change is
 * stored, then a new snapshot is built and swapped in; calls in flight finish on the old one.
 */
@ApplicationScoped
public class PriceEditing {

    private final PriceStore store;
    private final TenantPriceStore tenantStore;
    private final TenantDeploymentStore deploymentStore;
    private final PriceBookReload reload;
    private final PriceBook priceBook;

    public PriceEditing(PriceStore store, TenantPriceStore tenantStore, TenantDeploymentStore deploymentStore,
                        PriceBookReload reload, PriceBook priceBook) {
        this.priceBook = priceBook;
        this.store = store;
        this.tenantStore = tenantStore;
        this.deploymentStore = deploymentStore;
        this.reload = reload;
    }

    /** Adds (or replaces, same effective_from) a version; returns it as the book now holds it. */
    public Prices upsertPrice(Prices version) {
        store.upsert(version);
        return reload.reload().priceAt(version.key(), version.effectiveFrom()).orElse(version);
    }

    /**
     * Maps a tenant's deployment name to a model. The model must resolve in the current book (publicly or to one of
     * the tenant's own prices), so a typo is refused instead of leaving the tenant's calls UNPRICED.
     */
    public ModelResolution setTenantDeployment(TenantDeployment deployment) {
        PriceCatalog current = priceBook.current();
        ModelResolution target = current.resolution(deployment.provider(), deployment.model())
                .or(() -> current.tenantPrices().stream()
                        .filter(p -> p.tenantId().equals(deployment.tenantId())
                                && p.key().equals(ModelKey.of(deployment.provider(), deployment.model())))
                        .findFirst()
                        .map(p -> new ModelResolution(p.key(), "tenant_model", "tenant price of " + p.key())))
                .orElseThrow(() -> new TokenLedgerException.Invalid("model", "must resolve to a model of the price book"
                        + " or to one of the tenant's own prices; " + deployment.provider() + "/" + deployment.model()
                        + " does not"));
        deploymentStore.upsert(deployment);
        reload.reload();
        return target;
    }

    public TenantPrice setTenantPrice(TenantPrice price) {
        tenantStore.upsert(price);
        reload.reload();
        return price;
    }
}

package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.Prices;
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
    private final PriceBookReload reload;

    public PriceEditing(PriceStore store, TenantPriceStore tenantStore, PriceBookReload reload) {
        this.store = store;
        this.tenantStore = tenantStore;
        this.reload = reload;
    }

    /** Adds (or replaces, same effective_from) a version; returns it as the book now holds it. */
    public Prices upsertPrice(Prices version) {
        store.upsert(version);
        return reload.reload().priceAt(version.key(), version.effectiveFrom()).orElse(version);
    }

    public TenantPrice setTenantPrice(TenantPrice price) {
        tenantStore.upsert(price);
        reload.reload();
        return price;
    }
}

package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.TenantPrice;
import java.util.List;

/** Where tenant prices are kept. */
public interface TenantPriceStore {

    /** Adds a tenant price, or replaces the one of the same tenant, model and effective_from. */
    void upsert(TenantPrice price);

    List<TenantPrice> load();
}

package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.TenantDeployment;
import java.util.List;

/** Where tenants' deployment names are kept. */
public interface TenantDeploymentStore {

    /** Adds a deployment, or replaces the model of the same tenant, provider and deployment. */
    void upsert(TenantDeployment deployment);

    List<TenantDeployment> load();
}

package io.tokenledger.pricing.domain;

import java.util.Locale;

/**
 * One of a tenant's deployment names and the model it serves, e.g. tenant {@code acme}'s Azure deployment
 * {@code prod-chat} serving {@code gpt-4o}. Provider and deployment are normalized (provider id, lowercase), so
 * matching is case-insensitive; the model is resolved by the usual rules when the deployment is used.
 */
public record TenantDeployment(String tenantId, String provider, String deployment, String model) {

    public TenantDeployment {
        if (tenantId == null || tenantId.isBlank() || provider == null || provider.isBlank()
                || deployment == null || deployment.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("tenant, provider, deployment and model are required");
        }
        provider = ProviderIds.normalize(provider);
        deployment = deployment.trim().toLowerCase(Locale.ROOT);
        model = model.trim();
    }

    /** The deployment as a key under its provider, e.g. {@code azure/prod-chat}. */
    public ModelKey deploymentKey() {
        return new ModelKey(provider, deployment);
    }
}

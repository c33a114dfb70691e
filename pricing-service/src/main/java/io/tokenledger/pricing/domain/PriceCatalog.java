package io.tokenledger.pricing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of the whole price book: every model's versions (oldest first), the aliases and the
 * tenant prices, compiled for pricing. Built once per change and then only read, so pricing needs no locks
 * and no database. (The only mutable part is a memo of name resolutions, which is a pure function of it.)
 */
public final class PriceCatalog {

    public static final PriceCatalog EMPTY = of(List.of(), List.of());
    private static final int RESOLUTION_MEMO_LIMIT = 100_000;
    private static final ModelResolution NOT_FOUND = new ModelResolution(null, "", "");

    private final SortedMap<ModelKey, List<Prices>> versions;
    private final Map<ModelKey, ModelKey> aliases;
    private final List<TenantPrice> tenantPrices;
    private final Map<ModelKey, CompiledVersion[]> compiled = new HashMap<>();
    private final Map<TenantModel, TenantVersion[]> tenantVersions = new HashMap<>();
    private final ModelResolver resolver;
    private final Map<ModelKey, ModelResolution> memo = new ConcurrentHashMap<>();
    private final List<TenantDeployment> deploymentList;
    /** Deployment name (provider/deployment, per tenant) -> the model name it serves. */
    private final Map<TenantModel, String> deployments = new HashMap<>();

    private record TenantModel(String tenantId, ModelKey key) {
    }

    /** A tenant price compiled: custom rates, or the discounted rates of each public version. */
    private record TenantVersion(TenantPrice price, CompiledVersion custom, Map<Prices, CompiledVersion> discounted) {
    }

    private PriceCatalog(Map<ModelKey, List<Prices>> byModel, Map<ModelKey, ModelKey> aliases,
                         Collection<TenantPrice> tenants, Collection<TenantDeployment> tenantDeployments) {
        TreeMap<ModelKey, List<Prices>> sorted = new TreeMap<>();
        byModel.forEach((key, list) -> {
            List<Prices> history = new ArrayList<>(list);
            history.sort(Comparator.comparing(Prices::effectiveFrom));
            sorted.put(key, List.copyOf(history));
            compiled.put(key, history.stream().map(CompiledVersion::new).toArray(CompiledVersion[]::new));
        });
        this.versions = Collections.unmodifiableSortedMap(sorted);
        this.aliases = Map.copyOf(aliases);
        this.tenantPrices = List.copyOf(tenants);
        Map<TenantModel, List<TenantPrice>> byTenant = new HashMap<>();
        for (TenantPrice tenant : tenants) {
            byTenant.computeIfAbsent(new TenantModel(tenant.tenantId(), tenant.key()), k -> new ArrayList<>()).add(tenant);
        }
        byTenant.forEach((key, list) -> {
            list.sort(Comparator.comparing(TenantPrice::effectiveFrom));
            tenantVersions.put(key, list.stream().map(this::compile).toArray(TenantVersion[]::new));
        });
        this.resolver = new ModelResolver(sorted.keySet(), this.aliases);
        this.deploymentList = List.copyOf(tenantDeployments);
        for (TenantDeployment deployment : tenantDeployments) {
            deployments.put(new TenantModel(deployment.tenantId(), deployment.deploymentKey()), deployment.model());
        }
    }

    private TenantVersion compile(TenantPrice tenant) {
        if (tenant.discountPercent() == null) {
            return new TenantVersion(tenant, new CompiledVersion(tenant.prices()), Map.of());
        }
        Map<Prices, CompiledVersion> discounted = new IdentityHashMap<>();
        for (Prices list : versions.getOrDefault(tenant.key(), List.of())) {
            discounted.put(list, new CompiledVersion(tenant.discounted(list)));
        }
        return new TenantVersion(tenant, null, discounted);
    }

    public static PriceCatalog of(Collection<Prices> all, Collection<ModelAlias> aliasList) {
        return of(all, aliasList, List.of());
    }

    public static PriceCatalog of(Collection<Prices> all, Collection<ModelAlias> aliasList,
                                  Collection<TenantPrice> tenants) {
        return of(all, aliasList, tenants, List.of());
    }

    public static PriceCatalog of(Collection<Prices> all, Collection<ModelAlias> aliasList,
                                  Collection<TenantPrice> tenants, Collection<TenantDeployment> tenantDeployments) {
        Map<ModelKey, List<Prices>> byModel = new HashMap<>();
        for (Prices prices : all) {
            byModel.computeIfAbsent(prices.key(), k -> new ArrayList<>()).add(prices);
        }
        Map<ModelKey, ModelKey> aliasMap = new HashMap<>();
        for (ModelAlias alias : aliasList) {
            aliasMap.put(alias.aliasKey(), alias.targetKey());
        }
        return new PriceCatalog(byModel, aliasMap, tenants, tenantDeployments);
    }

    public SortedMap<ModelKey, List<Prices>> versions() {
        return versions;
    }

    public Map<ModelKey, ModelKey> aliases() {
        return aliases;
    }

    public List<TenantPrice> tenantPrices() {
        return tenantPrices;
    }

    public List<TenantDeployment> tenantDeployments() {
        return deploymentList;
    }

    /**
     * The model a tenant's reported name means: one of the tenant's deployments first (rule
     * {@code tenant_deployment}, the detail naming the rule that resolved the deployment's model), else the public
     * rules of {@link #resolution(String, String)}.
     */
    public Optional<ModelResolution> resolution(String tenantId, String provider, String model) {
        Optional<String> target = deploymentModel(tenantId, provider, model);
        if (target.isEmpty()) {
            return resolution(provider, model);
        }
        return resolution(provider, target.get()).map(inner -> new ModelResolution(inner.key(), "tenant_deployment",
                "tenant " + tenantId + "'s " + ProviderIds.normalize(provider) + " deployment " + model.trim()
                        + " serves " + target.get() + ": " + inner.rule() + " (" + inner.detail() + ")"));
    }

    /** The model name a tenant's deployment serves, when the reported model is one of its deployments. */
    private Optional<String> deploymentModel(String tenantId, String provider, String model) {
        if (deployments.isEmpty() || tenantId.isEmpty() || provider.isBlank() || model.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(deployments.get(
                new TenantModel(tenantId, ModelKey.of(ProviderIds.normalize(provider), model))));
    }

    /** The model a reported name means; see {@link ModelResolver} for the rules. */
    public Optional<ModelKey> resolve(String provider, String model) {
        return resolution(provider, model).map(ModelResolution::key);
    }

    /** The model a reported name means and the rule that matched. */
    public Optional<ModelResolution> resolution(String provider, String model) {
        ModelKey raw = new ModelKey(provider, model);
        ModelResolution found = memo.get(raw);
        if (found == null) {
            found = resolver.resolve(provider, model);
            found = found == null ? NOT_FOUND : found;
            if (memo.size() < RESOLUTION_MEMO_LIMIT) {
                memo.put(raw, found);
            }
        }
        return found == NOT_FOUND ? Optional.empty() : Optional.of(found);
    }

    /** The version of a model in force at a time: the latest whose effective_from is not after it. */
    public Optional<Prices> priceAt(ModelKey model, Instant at) {
        CompiledVersion version = versionAt(model, at);
        return version == null ? Optional.empty() : Optional.of(version.prices);
    }

    private CompiledVersion versionAt(ModelKey model, Instant at) {
        CompiledVersion[] history = compiled.get(model);
        if (history != null) {
            for (int i = history.length - 1; i >= 0; i--) {
                if (!history[i].prices.effectiveFrom().isAfter(at)) {
                    return history[i];
                }
            }
        }
        return null;
    }

    /** Prices a usage of a reported model at a time on the standard tier, at the public price. */
    public PricedUsage price(String provider, String model, Instant at, TokenUsage usage) {
        return price("", provider, model, at, usage, ServiceTier.STANDARD);
    }

    /**
     * Prices a usage for a tenant: the tenant's own price in force at the time beats the public one, and the
     * public (list) cost is kept beside it. Unknown models and missing prices come back UNPRICED.
     */
    public PricedUsage price(String tenantId, String provider, String reportedModel, Instant at, TokenUsage usage,
                             ServiceTier tier) {
        // A tenant's deployment name stands for the model it serves, for every rule below (tenant prices included).
        String model = deploymentModel(tenantId, provider, reportedModel).orElse(reportedModel);
        Optional<ModelResolution> resolved = resolution(provider, model);
        ModelKey key = resolved.isPresent() ? resolved.get().key() : null;
        TenantVersion tenant = tenantVersions.isEmpty() ? null
                : tenantAt(tenantId, key != null ? key : ModelKey.of(ProviderIds.normalize(provider), model), at);
        if (key == null && tenant == null) {
            return PricedUsage.unpriced("unknown model " + provider + "/" + model
                    + (model.equals(reportedModel) ? "" : " (served by deployment " + reportedModel + ")"));
        }
        if (key == null) {
            key = tenant.price().key();
        }
        CompiledVersion list = versionAt(key, at);
        PricedUsage listPriced = list == null ? null : list.price(usage, tier);
        if (tenant != null) {
            CompiledVersion own = tenant.custom() != null ? tenant.custom()
                    : list == null ? null : tenant.discounted().get(list.prices);
            if (own != null) {
                PricedUsage priced = own.price(usage, tier);
                if (!priced.isPriced()) {
                    return priced;
                }
                long listCost = listPriced != null && listPriced.isPriced() ? listPriced.costNanos() : priced.costNanos();
                return priced.withListCost(listCost, tenant.price().priceId());
            }
        }
        if (listPriced == null) {
            return PricedUsage.unpriced(key, "no price for " + key + " in force at " + at);
        }
        return listPriced;
    }

    private TenantVersion tenantAt(String tenantId, ModelKey key, Instant at) {
        TenantVersion[] history = tenantVersions.get(new TenantModel(tenantId, key));
        if (history != null) {
            for (int i = history.length - 1; i >= 0; i--) {
                if (!history[i].price().effectiveFrom().isAfter(at)) {
                    return history[i];
                }
            }
        }
        return null;
    }

    /** Every model in provider/model order. */
    public List<ModelKey> models() {
        return List.copyOf(versions.keySet());
    }
}

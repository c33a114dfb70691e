package io.tokenledger.pricing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of the whole price book: every model's versions (oldest first) and the aliases.
 * Built once per load and then only read, so pricing needs no locks and no database.
 */
public record PriceCatalog(Map<ModelKey, List<Prices>> versions, Map<ModelKey, ModelKey> aliases) {

    public static final PriceCatalog EMPTY = new PriceCatalog(Map.of(), Map.of());

    public PriceCatalog {
        // Sorted by key so that listing pages in provider/model order needs no sorting per call.
        TreeMap<ModelKey, List<Prices>> sorted = new TreeMap<>();
        versions.forEach((key, list) -> sorted.put(key, List.copyOf(list)));
        versions = java.util.Collections.unmodifiableSortedMap(sorted);
        aliases = Map.copyOf(aliases);
    }

    public static PriceCatalog of(Collection<Prices> all, Collection<ModelAlias> aliasList) {
        Map<ModelKey, List<Prices>> byModel = new HashMap<>();
        for (Prices prices : all) {
            byModel.computeIfAbsent(prices.key(), k -> new ArrayList<>()).add(prices);
        }
        byModel.values().forEach(list -> list.sort(Comparator.comparing(Prices::effectiveFrom)));
        Map<ModelKey, ModelKey> aliasMap = new HashMap<>();
        for (ModelAlias alias : aliasList) {
            aliasMap.put(alias.aliasKey(), alias.targetKey());
        }
        return new PriceCatalog(byModel, aliasMap);
    }

    /**
     * The model a reported name means, case-insensitively: the exact id, then an alias,
     * then the id with a leading "provider/" removed (e.g. "openai/gpt-4o" reported as the model).
     */
    public Optional<ModelKey> resolve(String provider, String model) {
        ModelKey reported = ModelKey.of(provider, model);
        ModelKey found = lookup(reported);
        if (found == null) {
            String prefix = reported.provider() + "/";
            if (reported.model().startsWith(prefix) && reported.model().length() > prefix.length()) {
                found = lookup(new ModelKey(reported.provider(), reported.model().substring(prefix.length())));
            }
        }
        return Optional.ofNullable(found);
    }

    private ModelKey lookup(ModelKey key) {
        if (versions.containsKey(key)) {
            return key;
        }
        ModelKey target = aliases.get(key);
        return target != null && versions.containsKey(target) ? target : null;
    }

    /** The version of a model in force at a time: the latest whose effective_from is not after it. */
    public Optional<Prices> priceAt(ModelKey model, Instant at) {
        List<Prices> history = versions.get(model);
        if (history == null) {
            return Optional.empty();
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!history.get(i).effectiveFrom().isAfter(at)) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** Prices a usage of a reported model at a time; unknown models and missing prices come back UNPRICED. */
    public PricedUsage price(String provider, String model, Instant at, TokenUsage usage) {
        Optional<ModelKey> resolved = resolve(provider, model);
        if (resolved.isEmpty()) {
            return PricedUsage.unpriced("unknown model " + provider + "/" + model);
        }
        Optional<Prices> prices = priceAt(resolved.get(), at);
        if (prices.isEmpty()) {
            return PricedUsage.unpriced(resolved.get(), "no price for " + resolved.get() + " in force at " + at);
        }
        return CostMath.price(prices.get(), usage);
    }

    /** Every model in provider/model order. */
    public List<ModelKey> models() {
        return List.copyOf(versions.keySet());
    }
}

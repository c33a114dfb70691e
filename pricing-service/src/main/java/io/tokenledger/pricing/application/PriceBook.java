package io.tokenledger.pricing.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.ModelResolution;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.PriceCatalog;
import io.tokenledger.pricing.domain.PricedUsage;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The price book: prices usage, answers model prices and lists models, all from an immutable in-memory
 * snapshot swapped atomically on load. Nothing here touches the database.
 */
@ApplicationScoped
public class PriceBook {

    /** The largest page ListModels returns; bigger requests are cut down to it. */
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final AtomicReference<PriceCatalog> snapshot = new AtomicReference<>(PriceCatalog.EMPTY);
    private final Clock clock;
    private final Counter pricedItems;
    private final Counter unpricedItems;

    public PriceBook(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.pricedItems = itemCounter(registry, "PRICED");
        this.unpricedItems = itemCounter(registry, "UNPRICED");
    }

    /** Makes a new snapshot current; calls in flight finish on the old one. */
    public void replace(PriceCatalog catalog) {
        snapshot.set(catalog);
    }

    public PriceCatalog current() {
        return snapshot.get();
    }

    /** Prices every item by the version in force at its time; one result per item, in order. */
    public List<PricedUsage> price(List<UsageToPrice> items) {
        PriceCatalog catalog = snapshot.get();
        List<PricedUsage> results = new ArrayList<>(items.size());
        int priced = 0;
        for (UsageToPrice item : items) {
            PricedUsage result = catalog.price(item.tenantId(), item.provider(), item.model(), item.occurredAt(),
                    item.usage(), item.tier());
            priced += result.isPriced() ? 1 : 0;
            results.add(result);
        }
        count(priced, items.size() - priced);
        return results;
    }

    /** What a reported name resolves to and by which rule; empty when unknown. */
    public Optional<ModelResolution> resolve(String provider, String model) {
        return snapshot.get().resolution(provider, model);
    }

    /** What a tenant's reported name resolves to (its deployments first) and by which rule; empty when unknown. */
    public Optional<ModelResolution> resolve(String tenantId, String provider, String model) {
        return snapshot.get().resolution(tenantId, provider, model);
    }

    /** Prices one usage on each candidate model at a time (now when empty). */
    public List<PricedUsage> compare(String tenantId, TokenUsage usage, List<ModelKey> candidates, Optional<Instant> at) {
        PriceCatalog catalog = snapshot.get();
        Instant when = at.orElseGet(clock::instant);
        List<PricedUsage> results = new ArrayList<>(candidates.size());
        for (ModelKey candidate : candidates) {
            results.add(catalog.price(tenantId, candidate.provider(), candidate.model(), when, usage, ServiceTier.STANDARD));
        }
        return results;
    }

    /** The version of a model in force at a time (now when empty). */
    public Prices modelPrice(String provider, String model, Optional<Instant> at) {
        PriceCatalog catalog = snapshot.get();
        ModelKey key = catalog.resolve(provider, model).orElseThrow(() -> new TokenLedgerException.NotFound(
                "MODEL_NOT_FOUND", "unknown model " + provider + "/" + model));
        Instant when = at.orElseGet(clock::instant);
        return catalog.priceAt(key, when).orElseThrow(() -> new TokenLedgerException.NotFound(
                "PRICE_NOT_FOUND", "no price for " + key + " in force at " + when));
    }

    /**
     * A page of models in provider/model order with their current prices, optionally of one provider.
     * Models with no version in force yet are left out.
     */
    public ModelPage listModels(Optional<String> provider, int pageSize, Optional<String> pageToken) {
        PriceCatalog catalog = snapshot.get();
        int limit = pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        Optional<ModelKey> after = pageToken.map(PageToken::parse);
        Optional<String> wanted = provider.map(p -> p.trim().toLowerCase(Locale.ROOT));
        Instant now = clock.instant();
        List<Prices> page = new ArrayList<>(Math.min(limit, 64));
        ModelKey last = null;
        boolean more = false;
        for (ModelKey key : catalog.models()) {
            if (after.isPresent() && key.compareTo(after.get()) <= 0
                    || wanted.isPresent() && !wanted.get().equals(key.provider())) {
                continue;
            }
            Optional<Prices> prices = catalog.priceAt(key, now);
            if (prices.isEmpty()) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(prices.get());
            last = key;
        }
        return new ModelPage(page, more ? PageToken.after(last) : "");
    }

    private static Counter itemCounter(MeterRegistry registry, String status) {
        return Counter.builder("tokenledger.pricing.items").tag("status", status)
                .description("Usage items priced, by outcome (PRICED or UNPRICED)").register(registry);
    }

    /** Counted once per batch rather than per item. */
    private void count(int priced, int unpriced) {
        if (priced > 0) {
            pricedItems.increment(priced);
        }
        if (unpriced > 0) {
            unpricedItems.increment(unpriced);
        }
    }
}

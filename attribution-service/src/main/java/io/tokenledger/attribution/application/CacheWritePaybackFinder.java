package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Hypotheticals;
import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.InsightKind;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.SavingTally;
import io.tokenledger.attribution.domain.StoredUsage;
import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.platform.money.Nanos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CACHE_WRITE_NO_PAYBACK: per feature and model with cache writes in the period, every call that read or wrote the
 * cache is priced as it happened and without caching (reads and writes billed as fresh input). When caching cost
 * more than it saved (the writes' premium over input exceeds the reads' discount), turning it off saves the
 * difference.
 */
final class CacheWritePaybackFinder implements InsightFinder {

    private final PricingBuffer buffer;
    private final Map<TrafficKey, Caching> cachings = new LinkedHashMap<>();

    CacheWritePaybackFinder(PricingBuffer buffer) {
        this.buffer = buffer;
    }

    private static final class Caching {
        long writeTokens;
        long readTokens;
        long writeNanos;
        final SavingTally tally = new SavingTally();
    }

    @Override
    public void accept(StoredUsage row) {
        if (!row.priced() || Hypotheticals.uncachedCall(row.tokens())) {
            return;
        }
        Caching caching = cachings.computeIfAbsent(TrafficKey.of(row), key -> new Caching());
        caching.writeTokens += row.tokens().get(TokenClass.CACHE_WRITE_5M) + row.tokens().get(TokenClass.CACHE_WRITE_1H);
        caching.readTokens += row.tokens().get(TokenClass.CACHED_INPUT);
        caching.writeNanos += row.cacheWriteNanos();
        buffer.addPair(new PriceRequest(row.model(), row.occurredAt(), row.tokens(), false),
                new PriceRequest(row.model(), row.occurredAt(), Hypotheticals.uncached(row.tokens()), false),
                caching.tally::add);
    }

    @Override
    public List<Insight> insights() {
        List<Insight> found = new ArrayList<>();
        cachings.forEach((key, caching) -> {
            SavingTally tally = caching.tally;
            if (caching.writeTokens == 0 || tally.savingNanos() <= 0) {
                return;
            }
            Map<String, Long> evidence = new LinkedHashMap<>();
            evidence.put("calls", tally.events());
            evidence.put("cache_write_tokens", caching.writeTokens);
            evidence.put("cache_read_tokens", caching.readTokens);
            evidence.put("cache_write_cost_nanos", caching.writeNanos);
            evidence.put("current_cost_nanos", tally.currentNanos());
            evidence.put("uncached_cost_nanos", tally.alternativeNanos());
            found.add(new Insight(InsightKind.CACHE_WRITE_NO_PAYBACK, key.feature(), "", key.model(), Insight.NONE,
                    key.feature() + ": cache writes on " + key.model() + " (" + caching.writeTokens + " tokens, "
                            + Nanos.format(caching.writeNanos) + ") were not paid back by " + caching.readTokens
                            + " cached tokens read; without caching the calls cost " + Nanos.format(tally.savingNanos())
                            + " less",
                    tally.savingNanos(), evidence));
        });
        return found;
    }
}

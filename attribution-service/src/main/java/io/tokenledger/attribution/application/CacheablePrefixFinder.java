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
 * CACHEABLE_PREFIX: calls of a feature's model that carry the same prompt_prefix_hash and neither read nor wrote
 * the prompt cache. The first such call (in time) has to send the prefix anyway; every later one is a repeat that
 * could have read its prefix from the cache. Each repeat is priced as it happened and with its prefix tokens (at most
 * its fresh input) moved to cached input; the saving is the sum of the differences, i.e. repeats x prefix tokens x
 * (input price - cached input price) when no long-context tier or rounding intervenes.
 */
final class CacheablePrefixFinder implements InsightFinder {

    private final PricingBuffer buffer;
    private final Map<TrafficKey, Prefix> prefixes = new LinkedHashMap<>();

    CacheablePrefixFinder(PricingBuffer buffer) {
        this.buffer = buffer;
    }

    private static final class Prefix {
        long uncachedCalls;
        long prefixTokens;
        long cacheableTokens;
        final SavingTally tally = new SavingTally();
    }

    @Override
    public void accept(StoredUsage row) {
        if (!row.priced() || row.promptPrefixHash().isEmpty() || row.promptPrefixTokens() == 0
                || !Hypotheticals.uncachedCall(row.tokens())) {
            return;
        }
        Prefix prefix = prefixes.computeIfAbsent(TrafficKey.withPrefix(row), key -> new Prefix());
        prefix.uncachedCalls++;
        prefix.prefixTokens = Math.max(prefix.prefixTokens, row.promptPrefixTokens());
        if (prefix.uncachedCalls == 1) {
            return;
        }
        prefix.cacheableTokens += Math.min(row.promptPrefixTokens(),
                row.tokens().get(TokenClass.INPUT));
        buffer.addPair(new PriceRequest(row.model(), row.occurredAt(), row.tokens(), false),
                new PriceRequest(row.model(), row.occurredAt(),
                        Hypotheticals.prefixCached(row.tokens(), row.promptPrefixTokens()), false),
                prefix.tally::add);
    }

    @Override
    public List<Insight> insights() {
        List<Insight> found = new ArrayList<>();
        prefixes.forEach((key, prefix) -> {
            SavingTally tally = prefix.tally;
            if (prefix.uncachedCalls < 2 || tally.savingNanos() <= 0) {
                return;
            }
            Map<String, Long> evidence = new LinkedHashMap<>();
            evidence.put("uncached_calls", prefix.uncachedCalls);
            evidence.put("repeats", prefix.uncachedCalls - 1);
            evidence.put("prefix_tokens", prefix.prefixTokens);
            evidence.put("cacheable_tokens", prefix.cacheableTokens);
            evidence.put("current_cost_nanos", tally.currentNanos());
            evidence.put("cached_cost_nanos", tally.alternativeNanos());
            evidence.put("unpriced", tally.unpriced());
            found.add(new Insight(InsightKind.CACHEABLE_PREFIX, key.feature(), key.prefixHash(), key.model(),
                    Insight.NONE, key.feature() + ": prompt prefix " + key.prefixHash() + " (" + prefix.prefixTokens
                            + " tokens) was sent " + prefix.uncachedCalls + " times without prompt caching on "
                            + key.model() + "; reading its " + (prefix.uncachedCalls - 1)
                            + " repeats from the cache saves " + Nanos.format(tally.savingNanos()),
                    tally.savingNanos(), evidence));
        });
        return found;
    }
}

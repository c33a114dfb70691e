package io.tokenledger.pricing.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A price version with its rate cards compiled for the hot path, and the card choice:
 * the prompt (input + cached input + cache writes) is compared with the version's long-context thresholds;
 * past the highest one it exceeds, every class is billed from that threshold's card of the requested tier.
 * A missing card is UNPRICED with a reason, never silently the standard rate.
 */
final class CompiledVersion {

    final Prices prices;
    private final Rates base;
    private final Rates[] cards;
    private final ServiceTier[] tiers;
    private final long[] thresholds;
    /** Distinct thresholds > 0, descending. */
    private final long[] longContext;

    CompiledVersion(Prices prices) {
        this.prices = prices;
        this.base = new Rates(prices, null);
        List<RateCard> list = prices.rateCards();
        cards = new Rates[list.size()];
        tiers = new ServiceTier[list.size()];
        thresholds = new long[list.size()];
        List<Long> above = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            cards[i] = new Rates(prices, list.get(i));
            tiers[i] = list.get(i).tier();
            thresholds[i] = list.get(i).abovePromptTokens();
            if (thresholds[i] > 0 && !above.contains(thresholds[i])) {
                above.add(thresholds[i]);
            }
        }
        above.sort((a, b) -> Long.compare(b, a));
        longContext = above.stream().mapToLong(Long::longValue).toArray();
    }

    PricedUsage price(TokenUsage usage, ServiceTier tier) {
        long threshold = 0;
        if (longContext.length > 0) {
            long prompt = saturatedSum(usage.inputTokens(), usage.cachedInputTokens(), usage.cacheWrite5mTokens(),
                    usage.cacheWrite1hTokens());
            for (long t : longContext) {
                if (prompt > t) {
                    threshold = t;
                    break;
                }
            }
        }
        if (tier == ServiceTier.STANDARD && threshold == 0) {
            return CostMath.price(base, usage);
        }
        for (int i = 0; i < cards.length; i++) {
            if (tiers[i] == tier && thresholds[i] == threshold) {
                return CostMath.price(cards[i], usage);
            }
        }
        return PricedUsage.unpriced(prices.key(), "no " + RateCard.describe(tier, threshold) + " prices for "
                + prices.provider() + "/" + prices.model());
    }

    private static long saturatedSum(long a, long b, long c, long d) {
        long sum = a + b;
        sum = sum < 0 ? Long.MAX_VALUE : sum + c;
        sum = sum < 0 ? Long.MAX_VALUE : sum + d;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}

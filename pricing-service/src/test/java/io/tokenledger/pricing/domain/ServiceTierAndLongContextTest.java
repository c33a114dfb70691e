package io.tokenledger.pricing.domain;

import static io.tokenledger.pricing.domain.Fixtures.SEED;
import static io.tokenledger.pricing.domain.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service tiers and long-context rates, with the LiteLLM 2026-07-24 prices of claude-sonnet-4-5, gpt-5.4 and
 * gemini/gemini-2.5-pro (USD per 1M). Rule: when the prompt (input + cached + cache writes) EXCEEDS the threshold,
 * every class is billed from the long-context card; a tier or class without a price is UNPRICED, never the
 * standard rate.
 */
class ServiceTierAndLongContextTest {

    private static final Prices SONNET = new Prices("anthropic", "claude-sonnet-4-5", "chat", SEED,
            rates("input", "3", "cached_input", "0.3", "cache_write_5m", "3.75", "cache_write_1h", "6", "output", "15",
                    "web_search", "10000"), "test",
            List.of(new RateCard(ServiceTier.STANDARD, 200_000, rates("input", "6", "cached_input", "0.6",
                    "cache_write_5m", "7.5", "cache_write_1h", "12", "output", "22.5"))));

    private static final Prices GPT54 = new Prices("openai", "gpt-5.4", "chat", SEED,
            rates("input", "2.5", "cached_input", "0.25", "output", "15"), "test", List.of(
            new RateCard(ServiceTier.BATCH, 0, rates("input", "1.25", "output", "7.5")),
            new RateCard(ServiceTier.PRIORITY, 0, rates("input", "5", "cached_input", "0.5", "output", "30")),
            new RateCard(ServiceTier.FLEX, 0, rates("input", "1.25", "cached_input", "0.13", "output", "7.5")),
            new RateCard(ServiceTier.STANDARD, 272_000, rates("input", "5", "cached_input", "0.5", "output", "22.5"))));

    // LiteLLM gemini/gemini-2.5-pro (also the curated seed's row and rate cards): base $1.25 in, $0.125 cached,
    // $10 out, $0.035 per grounded search (35,000 per 1M); *_above_200k_tokens: $2.50 in, $0.25 cached, $15 out;
    // *_priority: $1.25 in, $10 out; *_above_200k_tokens_priority: $2.50 in, $15 out (no priority cached price).
    private static final Prices GEMINI_25_PRO = new Prices("google", "gemini-2.5-pro", "chat", SEED,
            rates("input", "1.25", "cached_input", "0.125", "output", "10", "web_search", "35000"), "test", List.of(
            new RateCard(ServiceTier.STANDARD, 200_000, rates("input", "2.5", "cached_input", "0.25", "output", "15")),
            new RateCard(ServiceTier.PRIORITY, 0, rates("input", "1.25", "output", "10")),
            new RateCard(ServiceTier.PRIORITY, 200_000, rates("input", "2.5", "output", "15"))));

    private final PriceCatalog catalog = PriceCatalog.of(List.of(SONNET, GPT54, GEMINI_25_PRO), List.of());

    private PricedUsage price(String provider, String model, TokenUsage usage, ServiceTier tier) {
        return catalog.price("", provider, model, Fixtures.JUNE, usage, tier);
    }

    @Test
    void sonnetAtExactly200kIsStandard() {
        // prompt = 150,000 + 40,000 + 10,000 = 200,000: not above 200k.
        // 150,000 x 3 = $0.45; 40,000 x 0.3 = $0.012; 10,000 x 3.75 = $0.0375; 2,000 x 15 = $0.03; total $0.5295
        TokenUsage usage = usage().input(150_000).cached(40_000).cacheWrite5m(10_000).output(2_000).build();
        assertThat(price("anthropic", "claude-sonnet-4-5", usage, ServiceTier.STANDARD).costNanos()).isEqualTo(529_500_000L);
    }

    @Test
    void sonnetOneTokenAbove200kBillsEveryClassAtTheLongContextRate() {
        // prompt 200,001: 150,001 x 6 = $0.900006; 40,000 x 0.6 = $0.024; 10,000 x 7.5 = $0.075; 2,000 x 22.5 = $0.045
        // total $1.044006; the web search fee ($10,000/1M = $0.01 per query) is not a token class: base fee.
        TokenUsage usage = usage().input(150_001).cached(40_000).cacheWrite5m(10_000).output(2_000).webSearch(1).build();
        PricedUsage priced = price("anthropic", "claude-sonnet-4-5", usage, ServiceTier.STANDARD);
        assertThat(priced.costNanos()).isEqualTo(1_054_006_000L);
        assertThat(priced.breakdown().nanos(TokenClass.OUTPUT)).isEqualTo(45_000_000L);
        assertThat(priced.breakdown().nanos(TokenClass.WEB_SEARCH)).isEqualTo(10_000_000L);
    }

    @Test
    void sonnetHasNoBatchPriceInTheCatalog() {
        PricedUsage priced = price("anthropic", "claude-sonnet-4-5", usage().input(10).build(), ServiceTier.BATCH);
        assertThat(priced.isPriced()).isFalse();
        assertThat(priced.unpricedReason()).isEqualTo("no batch prices for anthropic/claude-sonnet-4-5");
    }

    @Test
    void gpt54OnEachTier() {
        TokenUsage usage = usage().input(100_000).cached(20_000).output(5_000).reasoning(3_000).build();
        // standard: 100,000 x 2.5 = $0.25; 20,000 x 0.25 = $0.005; 5,000 x 15 = $0.075; 3,000 x 15 (reasoning
        // at output) = $0.045; total $0.375
        assertThat(price("openai", "gpt-5.4", usage, ServiceTier.STANDARD).costNanos()).isEqualTo(375_000_000L);
        // priority: $0.50 + 20,000 x 0.5 = $0.01 + 5,000 x 30 = $0.15 + 3,000 x 30 = $0.09; total $0.75
        assertThat(price("openai", "gpt-5.4", usage, ServiceTier.PRIORITY).costNanos()).isEqualTo(750_000_000L);
        // flex: $0.125 + 20,000 x 0.13 = $0.0026 + 5,000 x 7.5 = $0.0375 + 3,000 x 7.5 = $0.0225; total $0.1876
        assertThat(price("openai", "gpt-5.4", usage, ServiceTier.FLEX).costNanos()).isEqualTo(187_600_000L);
        // batch has no cached-input price in the catalog
        assertThat(price("openai", "gpt-5.4", usage, ServiceTier.BATCH).unpricedReason())
                .isEqualTo("no batch cached_input price for openai/gpt-5.4");
        // batch without cache reads: 100,000 x 1.25 = $0.125; 5,000 x 7.5 = $0.0375; total $0.1625
        TokenUsage uncached = usage().input(100_000).output(5_000).build();
        assertThat(price("openai", "gpt-5.4", uncached, ServiceTier.BATCH).costNanos()).isEqualTo(162_500_000L);
    }

    @Test
    void gpt54LongContextAbove272k() {
        // prompt 272,000: 262,000 x 2.5 = $0.655; 10,000 x 0.25 = $0.0025; 1,000 x 15 = $0.015; total $0.6725
        TokenUsage at = usage().input(262_000).cached(10_000).output(1_000).build();
        assertThat(price("openai", "gpt-5.4", at, ServiceTier.STANDARD).costNanos()).isEqualTo(672_500_000L);
        // prompt 272,001: 262,001 x 5 = $1.310005; 10,000 x 0.5 = $0.005; 1,000 x 22.5 = $0.0225; total $1.337505
        TokenUsage above = usage().input(262_001).cached(10_000).output(1_000).build();
        assertThat(price("openai", "gpt-5.4", above, ServiceTier.STANDARD).costNanos()).isEqualTo(1_337_505_000L);
        // no priority rate above 272k in the catalog
        assertThat(price("openai", "gpt-5.4", above, ServiceTier.PRIORITY).unpricedReason())
                .isEqualTo("no long-context (>272000) priority prices for openai/gpt-5.4");
    }

    @Test
    void gemini25ProAtExactly200kIsStandard() {
        // prompt = 150,000 + 50,000 cached = 200,000: not above 200k, base rates.
        // 150,000 x 1.25 = 187,500 + 50,000 x 0.125 = 6,250 + 2,000 x 10 = 20,000 + 1,000 thoughts x 10 = 10,000
        // + 1 search x $0.035 = 35,000 -> 258,750 micro-USD
        TokenUsage usage = usage().input(150_000).cached(50_000).output(2_000).reasoning(1_000).webSearch(1).build();
        assertThat(price("google", "gemini-2.5-pro", usage, ServiceTier.STANDARD).costNanos()).isEqualTo(258_750_000L);
    }

    @Test
    void gemini25ProOneTokenAbove200kBillsEveryTokenClassAtTheLongContextRate() {
        // prompt 200,001: 150,001 x 2.5 = 375,002.5 + 50,000 x 0.25 = 12,500 + 2,000 x 15 = 30,000
        // + 1,000 thoughts x 15 (the card's output price) = 15,000 + 1 search x $0.035 (a fee, not a token class:
        // the base price) = 35,000 -> 467,502.5 micro-USD
        TokenUsage usage = usage().input(150_001).cached(50_000).output(2_000).reasoning(1_000).webSearch(1).build();
        PricedUsage priced = price("google", "gemini-2.5-pro", usage, ServiceTier.STANDARD);
        assertThat(priced.costNanos()).isEqualTo(467_502_500L);
        assertThat(priced.breakdown().nanos(TokenClass.INPUT)).isEqualTo(375_002_500L);
        assertThat(priced.breakdown().nanos(TokenClass.CACHED_INPUT)).isEqualTo(12_500_000L);
        assertThat(priced.breakdown().nanos(TokenClass.REASONING)).isEqualTo(15_000_000L);
        assertThat(priced.breakdown().nanos(TokenClass.WEB_SEARCH)).isEqualTo(35_000_000L);
    }

    @Test
    void gemini25ProPriorityAbove200kHasNoCachedPrice() {
        TokenUsage cached = usage().input(150_001).cached(50_000).output(2_000).build();
        assertThat(price("google", "gemini-2.5-pro", cached, ServiceTier.PRIORITY).unpricedReason())
                .isEqualTo("no long-context (>200000) priority cached_input price for google/gemini-2.5-pro");
        // Without cache reads: 200,001 x 2.5 = 500,002.5 + 2,000 x 15 = 30,000 -> 530,002.5 micro-USD
        TokenUsage uncached = usage().input(200_001).output(2_000).build();
        assertThat(price("google", "gemini-2.5-pro", uncached, ServiceTier.PRIORITY).costNanos())
                .isEqualTo(530_002_500L);
    }

    private static Map<TokenClass, BigDecimal> rates(String... classAndPrice) {
        Map<TokenClass, BigDecimal> rates = new EnumMap<>(TokenClass.class);
        for (int i = 0; i < classAndPrice.length; i += 2) {
            for (TokenClass tokenClass : TokenClass.values()) {
                if (tokenClass.label().equals(classAndPrice[i])) {
                    rates.put(tokenClass, new BigDecimal(classAndPrice[i + 1]));
                }
            }
        }
        return rates;
    }
}

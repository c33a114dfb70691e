package io.tokenledger.pricing.domain;

import static io.tokenledger.pricing.domain.Fixtures.SEED;
import static io.tokenledger.pricing.domain.Fixtures.prices;
import static io.tokenledger.pricing.domain.Fixtures.usage;
import static io.tokenledger.pricing.domain.TokenClass.CACHED_INPUT;
import static io.tokenledger.pricing.domain.TokenClass.CACHE_WRITE_1H;
import static io.tokenledger.pricing.domain.TokenClass.CACHE_WRITE_5M;
import static io.tokenledger.pricing.domain.TokenClass.INPUT;
import static io.tokenledger.pricing.domain.TokenClass.OUTPUT;
import static io.tokenledger.pricing.domain.TokenClass.REASONING;
import static io.tokenledger.pricing.domain.TokenClass.REQUEST;
import static io.tokenledger.pricing.domain.TokenClass.TRAINING;
import static io.tokenledger.pricing.domain.TokenClass.WEB_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostMathTest {

    // Published LiteLLM prices (USD per 1M) used below.
    private static final Prices GPT_5_MINI = prices("openai", "gpt-5-mini", SEED,
            INPUT, "0.25", CACHED_INPUT, "0.025", OUTPUT, "2");
    private static final Prices SONNET_4_5 = prices("anthropic", "claude-sonnet-4-5", SEED,
            INPUT, "3", CACHED_INPUT, "0.3", CACHE_WRITE_5M, "3.75", CACHE_WRITE_1H, "6", OUTPUT, "15",
            WEB_SEARCH, "10000");
    private static final Prices CODESTRAL = prices("mistral", "codestral-latest", SEED, INPUT, "1", OUTPUT, "3");

    @Test
    void gpt5MiniInputCachedAndOutput() {
        // 1,000 x 0.25/1M + 200 x 0.025/1M + 300 x 2.00/1M = 0.00025 + 0.000005 + 0.0006
        // = 0.000855 USD = 855,000 nano-USD
        PricedUsage priced = CostMath.price(GPT_5_MINI, usage().input(1_000).cached(200).output(300).build());

        assertThat(priced.status()).isEqualTo(PricedUsage.Status.PRICED);
        assertThat(priced.costNanos()).isEqualTo(855_000L);
        assertThat(priced.breakdown().nanos(INPUT)).isEqualTo(250_000L);
        assertThat(priced.breakdown().nanos(CACHED_INPUT)).isEqualTo(5_000L);
        assertThat(priced.breakdown().nanos(OUTPUT)).isEqualTo(600_000L);
        assertThat(priced.breakdown().total()).isEqualTo(855_000L);
        assertThat(priced.priceId()).isEqualTo("openai/gpt-5-mini@2025-01-01T00:00:00Z");
        assertThat(priced.resolvedModel()).isEqualTo("gpt-5-mini");
    }

    @Test
    void anthropicCacheWritesAndWebSearch() {
        // 2,000 input x 3/1M = 0.006; 10,000 cache read x 0.30/1M = 0.003; 4,000 5m write x 3.75/1M = 0.015;
        // 1,000 1h write x 6/1M = 0.006; 500 output x 15/1M = 0.0075; 2 searches x 10,000/1M = 0.02
        // total 0.0575 USD = 57,500,000 nano-USD
        PricedUsage priced = CostMath.price(SONNET_4_5, usage().input(2_000).cached(10_000).cacheWrite5m(4_000)
                .cacheWrite1h(1_000).output(500).webSearch(2).build());

        assertThat(priced.costNanos()).isEqualTo(57_500_000L);
        assertThat(priced.breakdown().nanos(CACHE_WRITE_5M)).isEqualTo(15_000_000L);
        assertThat(priced.breakdown().nanos(CACHE_WRITE_1H)).isEqualTo(6_000_000L);
        assertThat(priced.breakdown().nanos(WEB_SEARCH)).isEqualTo(20_000_000L);
        assertThat(priced.breakdown().total()).isEqualTo(57_500_000L);
    }

    @Test
    void roundsOnceHalfEven() {
        // Hypothetical input price 0.0125/1M: 1 token = 12.5 nano-USD -> half-even 12 (not 13);
        // 3 tokens = 37.5 nano-USD -> 38.
        Prices cheap = prices("test", "cheap", SEED, INPUT, "0.0125");

        assertThat(CostMath.price(cheap, usage().input(1).build()).costNanos()).isEqualTo(12L);
        assertThat(CostMath.price(cheap, usage().input(3).build()).costNanos()).isEqualTo(38L);
    }

    @Test
    void roundsTheExactSumNotEachClass() {
        // input 1 x 0.0004/1M = 0.4 nano, output 1 x 0.0004/1M = 0.4 nano: exact 0.8 -> 1 nano-USD in total,
        // although each class alone would round to 0.
        Prices tiny = prices("test", "tiny", SEED, INPUT, "0.0004", OUTPUT, "0.0004");

        PricedUsage priced = CostMath.price(tiny, usage().input(1).output(1).build());

        assertThat(priced.costNanos()).isEqualTo(1L);
        // floors 0 + 0; the one nano left goes to the tie's first class in class order: input.
        assertThat(priced.breakdown().nanos(INPUT)).isEqualTo(1L);
        assertThat(priced.breakdown().nanos(OUTPUT)).isZero();
    }

    @Test
    void breakdownHandsLeftoverNanosToLargestRemainders() {
        // input 1 x 0.0002/1M = 0.2 nano, cached 1 x 0.0007/1M = 0.7, output 1 x 0.0006/1M = 0.6:
        // exact 1.5 -> half-even 2 nano-USD. Floors 0+0+0, 2 left: cached (0.7) then output (0.6).
        Prices tiny = prices("test", "tiny", SEED, INPUT, "0.0002", CACHED_INPUT, "0.0007", OUTPUT, "0.0006");

        PricedUsage priced = CostMath.price(tiny, usage().input(1).cached(1).output(1).build());

        assertThat(priced.costNanos()).isEqualTo(2L);
        assertThat(priced.breakdown().nanos(INPUT)).isZero();
        assertThat(priced.breakdown().nanos(CACHED_INPUT)).isEqualTo(1L);
        assertThat(priced.breakdown().nanos(OUTPUT)).isEqualTo(1L);
    }

    @Test
    void breakdownAlwaysSumsToTotal() {
        // Awkward prices and counts: whatever the remainders, the parts must add up to the rounded total.
        Prices odd = prices("test", "odd", SEED, INPUT, "0.0013", CACHED_INPUT, "0.00077", OUTPUT, "0.0199",
                REASONING, "0.00333", REQUEST, "0.0011");
        for (long n = 1; n < 500; n += 7) {
            PricedUsage priced = CostMath.price(odd,
                    usage().input(n).cached(3 * n + 1).output(n / 2 + 1).reasoning(2 * n).requests(n % 3).build());
            assertThat(priced.breakdown().total()).as("n=%d", n).isEqualTo(priced.costNanos());
        }
    }

    @Test
    void trainingIsTokensTimesEpochs() {
        // gpt-4o-mini-2024-07-18 fine-tuning at 3.00/1M: 100,000 tokens x 3 epochs = 300,000 x 3/1M
        // = 0.90 USD = 900,000,000 nano-USD; 0 epochs counts as 1: 100,000 x 3/1M = 0.30 USD.
        Prices fineTune = prices("openai", "gpt-4o-mini-2024-07-18", SEED, INPUT, "0.15", OUTPUT, "0.6",
                TRAINING, "3");

        assertThat(CostMath.price(fineTune, usage().training(100_000, 3).build()).costNanos())
                .isEqualTo(900_000_000L);
        assertThat(CostMath.price(fineTune, usage().training(100_000, 0).build()).costNanos())
                .isEqualTo(300_000_000L);
    }

    @Test
    void reasoningWithoutItsOwnPriceIsBilledAsOutput() {
        // gpt-5-mini has no reasoning price: 1,000 reasoning x 2.00/1M (output) = 0.002 USD = 2,000,000 nano-USD,
        // reported under reasoning.
        PricedUsage priced = CostMath.price(GPT_5_MINI, usage().reasoning(1_000).build());

        assertThat(priced.costNanos()).isEqualTo(2_000_000L);
        assertThat(priced.breakdown().nanos(REASONING)).isEqualTo(2_000_000L);
        assertThat(priced.breakdown().nanos(OUTPUT)).isZero();
    }

    @Test
    void ownReasoningPriceWins() {
        // Hypothetical reasoning 5/1M beside output 2.5/1M: 1,000 x 5/1M = 0.005 USD = 5,000,000 nano-USD.
        Prices thinking = prices("google", "thinker", SEED, INPUT, "0.3", OUTPUT, "2.5", REASONING, "5");

        assertThat(CostMath.price(thinking, usage().reasoning(1_000).build()).costNanos()).isEqualTo(5_000_000L);
    }

    @Test
    void perRequestFeeAppliesAtLeastOnce() {
        // 1,000/1M per request = 0.001 USD a call; requests 0 in an event means 1 -> 1,000,000 nano-USD;
        // 4 requests -> 4,000,000. Plus 1,000 input x 1/1M = 0.001 USD = 1,000,000.
        Prices perCall = prices("test", "per-call", SEED, INPUT, "1", REQUEST, "1000");

        assertThat(CostMath.price(perCall, usage().input(1_000).build()).costNanos()).isEqualTo(2_000_000L);
        assertThat(CostMath.price(perCall, usage().input(1_000).requests(4).build()).costNanos())
                .isEqualTo(5_000_000L);
    }

    @Test
    void noRequestPriceMeansNoFee() {
        // codestral: 4,808 input x 1.00/1M = 0.004808 USD; 1,203 output x 3.00/1M = 0.003609 USD;
        // total 0.008417 USD = 8,417,000 nano-USD, no per-request fee.
        PricedUsage priced = CostMath.price(CODESTRAL, usage().input(4_808).output(1_203).requests(3).build());

        assertThat(priced.status()).isEqualTo(PricedUsage.Status.PRICED);
        assertThat(priced.costNanos()).isEqualTo(8_417_000L);
        assertThat(priced.breakdown().nanos(REQUEST)).isZero();
    }

    @Test
    void classWithoutPriceMakesTheItemUnpriced() {
        PricedUsage priced = CostMath.price(CODESTRAL, usage().input(100).cached(10).build());

        assertThat(priced.status()).isEqualTo(PricedUsage.Status.UNPRICED);
        assertThat(priced.unpricedReason()).isEqualTo("no cached_input price for mistral/codestral-latest");
        assertThat(priced.costNanos()).isZero();
        assertThat(priced.priceId()).isEmpty();
        assertThat(priced.resolvedModel()).isEqualTo("codestral-latest");
    }

    @Test
    void emptyUsageCostsNothingButIsPriced() {
        assertThat(CostMath.price(CODESTRAL, usage().build()).costNanos()).isZero();
        assertThat(CostMath.price(CODESTRAL, usage().build()).isPriced()).isTrue();
    }
}

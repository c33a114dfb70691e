package io.tokenledger.pricing.domain;

import static io.tokenledger.pricing.domain.Fixtures.JUNE;
import static io.tokenledger.pricing.domain.Fixtures.SEED;
import static io.tokenledger.pricing.domain.Fixtures.prices;
import static io.tokenledger.pricing.domain.Fixtures.usage;
import static io.tokenledger.pricing.domain.TokenClass.INPUT;
import static io.tokenledger.pricing.domain.TokenClass.OUTPUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    private static final Instant PRICE_CUT = Instant.parse("2025-04-01T00:00:00Z");

    // gpt-3.5-turbo at 1.50/2.00 from the seed date, then 0.50/1.50 from April.
    private final PriceCatalog catalog = PriceCatalog.of(
            List.of(prices("openai", "gpt-3.5-turbo", PRICE_CUT, INPUT, "0.5", OUTPUT, "1.5"),
                    prices("openai", "gpt-3.5-turbo", SEED, INPUT, "1.5", OUTPUT, "2"),
                    prices("openai", "gpt-4o", SEED, INPUT, "2.5", OUTPUT, "10")),
            List.of(new ModelAlias("openai", "gpt-4o-2024-08-06", "gpt-4o")));

    @Test
    void picksTheVersionInForceAtTheTime() {
        // 1,000 input x 1.50/1M = 0.0015 USD before the cut; 1,000 x 0.50/1M = 0.0005 USD after it.
        TokenUsage thousandIn = usage().input(1_000).build();

        assertThat(catalog.price("openai", "gpt-3.5-turbo", Instant.parse("2025-03-31T23:59:59Z"), thousandIn)
                .costNanos()).isEqualTo(1_500_000L);
        assertThat(catalog.price("openai", "gpt-3.5-turbo", PRICE_CUT, thousandIn).costNanos()).isEqualTo(500_000L);
        assertThat(catalog.price("openai", "gpt-3.5-turbo", PRICE_CUT, thousandIn).priceId())
                .isEqualTo("openai/gpt-3.5-turbo@2025-04-01T00:00:00Z");
    }

    @Test
    void resolvesCaseInsensitivelyThenAliasesThenProviderPrefix() {
        assertThat(catalog.resolve("OpenAI", "GPT-4o")).contains(new ModelKey("openai", "gpt-4o"));
        assertThat(catalog.resolve("openai", "gpt-4o-2024-08-06")).contains(new ModelKey("openai", "gpt-4o"));
        assertThat(catalog.resolve("openai", "openai/gpt-4o")).contains(new ModelKey("openai", "gpt-4o"));
        assertThat(catalog.resolve("openai", "openai/gpt-4o-2024-08-06")).contains(new ModelKey("openai", "gpt-4o"));
        assertThat(catalog.resolve("anthropic", "gpt-4o")).isEmpty();
    }

    @Test
    void aliasedUsageIsPricedAsItsModel() {
        // 1,000 input x 2.50/1M + 100 output x 10/1M = 0.0025 + 0.001 = 0.0035 USD = 3,500,000 nano-USD.
        PricedUsage priced = catalog.price("openai", "gpt-4o-2024-08-06", JUNE, usage().input(1_000).output(100).build());

        assertThat(priced.costNanos()).isEqualTo(3_500_000L);
        assertThat(priced.resolvedModel()).isEqualTo("gpt-4o");
    }

    @Test
    void unknownModelIsUnpricedNeverFree() {
        PricedUsage priced = catalog.price("openai", "gpt-9", JUNE, usage().input(1_000).build());

        assertThat(priced.status()).isEqualTo(PricedUsage.Status.UNPRICED);
        assertThat(priced.unpricedReason()).isEqualTo("unknown model openai/gpt-9");
        assertThat(priced.costNanos()).isZero();
        assertThat(priced.resolvedModel()).isEmpty();
    }

    @Test
    void usageBeforeTheFirstVersionIsUnpriced() {
        PricedUsage priced = catalog.price("openai", "gpt-4o", Instant.parse("2024-12-31T23:59:59Z"),
                usage().input(1).build());

        assertThat(priced.status()).isEqualTo(PricedUsage.Status.UNPRICED);
        assertThat(priced.unpricedReason()).startsWith("no price for openai/gpt-4o in force at 2024-12-31T23:59:59Z");
    }

    @Test
    void listsModelsInProviderModelOrder() {
        assertThat(catalog.models()).containsExactly(new ModelKey("openai", "gpt-3.5-turbo"),
                new ModelKey("openai", "gpt-4o"));
    }
}

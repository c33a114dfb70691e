package io.tokenledger.pricing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.PriceCatalog;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClasspathCatalogTest {

    private final ClasspathCatalog catalog = new ClasspathCatalog();
    private final Map<String, Prices> byId = catalog.versions().stream()
            .collect(Collectors.toMap(p -> p.key().toString(), Function.identity()));

    @Test
    void holdsTheOriginalCostTableAtItsExactPrices() {
        assertPrice("openai/gpt-3.5-turbo", "0.50", "1.50");
        assertPrice("openai/gpt-4", "30", "60");
        assertPrice("anthropic/claude-3-opus", "15", "75");
        assertPrice("google/gemini-pro", "0.50", "1.50");
    }

    @Test
    void holdsTheDemoModelsAtTheLiteLlmPrices() {
        assertPrice("mistral/codestral-latest", "1.00", "3.00");
        assertPrice("mistral/devstral-small-2507", "0.10", "0.30");
        assertPrice("openai/gpt-5-mini", "0.25", "2.00");
        assertPrice("openai/gpt-5-nano", "0.05", "0.40");
        assertPrice("anthropic/claude-sonnet-4-5", "3", "15");
        assertPrice("anthropic/claude-haiku-4-5", "1", "5");
        Prices sonnet = byId.get("anthropic/claude-sonnet-4-5");
        assertThat(sonnet.perMillion().get(TokenClass.CACHED_INPUT)).isEqualByComparingTo("0.3");
        assertThat(sonnet.perMillion().get(TokenClass.CACHE_WRITE_5M)).isEqualByComparingTo("3.75");
        assertThat(sonnet.perMillion().get(TokenClass.CACHE_WRITE_1H)).isEqualByComparingTo("6");
        assertThat(sonnet.perMillion().get(TokenClass.WEB_SEARCH)).isEqualByComparingTo("10000");
        assertThat(byId.get("openai/gpt-5-mini").perMillion().get(TokenClass.CACHED_INPUT))
                .isEqualByComparingTo("0.025");
    }

    @Test
    void coversTheMainProvidersWithSeededVersions() {
        List<Prices> versions = catalog.versions();
        assertThat(versions).hasSizeBetween(40, 60);
        assertThat(versions).extracting(Prices::provider).contains("openai", "anthropic", "google", "mistral",
                "deepseek", "xai");
        assertThat(versions).allSatisfy(p -> {
            assertThat(p.effectiveFrom()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(p.source()).isNotBlank();
        });
        assertThat(byId.get("openai/gpt-4o-mini-2024-07-18").perMillion().get(TokenClass.TRAINING))
                .isEqualByComparingTo("3.00");
        assertThat(byId.get("openai/text-embedding-3-small").perMillion().get(TokenClass.EMBEDDING))
                .isEqualByComparingTo("0.02");
    }

    @Test
    void seededVersionsCarryTheRateCardsOfTheirLiteLlmEntries() {
        // LiteLLM claude-sonnet-4-5 *_above_200k_tokens: $6 in, $0.60 read, $7.50 5m write, $12 1h write, $22.50 out.
        assertThat(card("anthropic/claude-sonnet-4-5", ServiceTier.STANDARD, 200_000)).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("6"), TokenClass.CACHED_INPUT, new BigDecimal("0.6"),
                TokenClass.CACHE_WRITE_5M, new BigDecimal("7.5"), TokenClass.CACHE_WRITE_1H, new BigDecimal("12"),
                TokenClass.OUTPUT, new BigDecimal("22.5")));
        // LiteLLM gemini/gemini-2.5-pro *_above_200k_tokens: $2.50 in, $0.25 cached, $15 out.
        assertThat(card("google/gemini-2.5-pro", ServiceTier.STANDARD, 200_000)).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("2.5"), TokenClass.CACHED_INPUT, new BigDecimal("0.25"),
                TokenClass.OUTPUT, new BigDecimal("15")));
        // LiteLLM gpt-4o *_batches: $1.25 in, $5 out (no batch cached-input price).
        assertThat(card("openai/gpt-4o", ServiceTier.BATCH, 0)).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("1.25"), TokenClass.OUTPUT, new BigDecimal("5")));
        // A model LiteLLM lists without tiers or long-context rates has no card.
        assertThat(byId.get("anthropic/claude-haiku-4-5").rateCards()).isEmpty();
    }

    @Test
    void webSearchPricedPerContextSizeTakesTheMediumSizeAsTheImporterDoes() {
        // LiteLLM gpt-4o-mini-2024-07-18 search_context_cost_per_query: low $0.025, medium $0.0275, high $0.03
        // per query; medium x 1e6 = 27,500 per 1M queries.
        assertThat(byId.get("openai/gpt-4o-mini-2024-07-18").perMillion().get(TokenClass.WEB_SEARCH))
                .isEqualByComparingTo("27500");
    }

    @Test
    void everyAliasPointsAtACatalogModel() {
        List<ModelAlias> aliases = catalog.aliases();
        PriceCatalog book = PriceCatalog.of(catalog.versions(), aliases);
        assertThat(aliases).isNotEmpty().allSatisfy(a -> assertThat(byId).containsKey(a.targetKey().toString()));
        assertThat(book.resolve("anthropic", "claude-3-opus-20240229")).contains(new ModelKey("anthropic", "claude-3-opus"));
        assertThat(book.resolve("anthropic", "claude-sonnet-4-5-20250929"))
                .contains(new ModelKey("anthropic", "claude-sonnet-4-5"));
        assertThat(book.resolve("openai", "gpt-4o-2024-08-06")).contains(new ModelKey("openai", "gpt-4o"));
    }

    private Map<TokenClass, BigDecimal> card(String id, ServiceTier tier, long above) {
        return byId.get(id).card(tier, above).map(RateCard::perMillion).orElseThrow(
                () -> new AssertionError(id + " has no " + tier + " card above " + above));
    }

    private void assertPrice(String id, String input, String output) {
        Prices prices = byId.get(id);
        assertThat(prices).as(id).isNotNull();
        assertThat(prices.perMillion().get(TokenClass.INPUT)).as(id + " input").isEqualByComparingTo(new BigDecimal(input));
        assertThat(prices.perMillion().get(TokenClass.OUTPUT)).as(id + " output").isEqualByComparingTo(new BigDecimal(output));
    }
}

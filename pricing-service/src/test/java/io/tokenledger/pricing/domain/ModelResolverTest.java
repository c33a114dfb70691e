package io.tokenledger.pricing.domain;

import static io.tokenledger.pricing.domain.Fixtures.SEED;
import static io.tokenledger.pricing.domain.Fixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per resolution rule, on a small hand-made book. */
class ModelResolverTest {

    private final PriceCatalog catalog = PriceCatalog.of(List.of(
                    prices("openai", "gpt-4o", SEED, TokenClass.INPUT, "2.5"),
                    prices("anthropic", "claude-haiku-4-5", SEED, TokenClass.INPUT, "1"),
                    prices("anthropic", "claude-3-7-sonnet", SEED, TokenClass.INPUT, "3"),
                    prices("anthropic", "claude-opus-4", SEED, TokenClass.INPUT, "15"),
                    prices("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", SEED, TokenClass.INPUT, "3"),
                    prices("google", "gemini-2.5-pro", SEED, TokenClass.INPUT, "1.25"),
                    prices("openrouter", "openai/gpt-4o", SEED, TokenClass.INPUT, "2.5")),
            List.of(new ModelAlias("anthropic", "claude-haiku-4-5-20251001", "claude-haiku-4-5")));

    private ModelResolution resolve(String provider, String model) {
        return catalog.resolution(provider, model).orElseThrow();
    }

    @Test
    void exactIdCaseInsensitive() {
        ModelResolution found = resolve("OpenAI", "GPT-4o");
        assertThat(found.key()).isEqualTo(ModelKey.of("openai", "gpt-4o"));
        assertThat(found.rule()).isEqualTo("exact");
    }

    @Test
    void aliasTable() {
        ModelResolution found = resolve("anthropic", "claude-haiku-4-5-20251001");
        assertThat(found.key()).isEqualTo(ModelKey.of("anthropic", "claude-haiku-4-5"));
        assertThat(found.rule()).isEqualTo("alias");
    }

    @Test
    void datedSnapshotWithDashesOrCompactDate() {
        ModelResolution dashed = resolve("openai", "gpt-4o-2024-08-06");
        assertThat(dashed.key()).isEqualTo(ModelKey.of("openai", "gpt-4o"));
        assertThat(dashed.rule()).isEqualTo("dated_snapshot");
        assertThat(dashed.detail()).isEqualTo("dated snapshot openai/gpt-4o-2024-08-06 of openai/gpt-4o");
        assertThat(resolve("anthropic", "claude-opus-4-20250514").key()).isEqualTo(ModelKey.of("anthropic", "claude-opus-4"));
    }

    @Test
    void providerPrefixInTheModel() {
        ModelResolution found = resolve("openai", "openai/gpt-4o");
        assertThat(found.key()).isEqualTo(ModelKey.of("openai", "gpt-4o"));
        assertThat(found.rule()).isEqualTo("provider_prefix");
        // LiteLLM-style provider names are our ids too: gemini/ is google.
        assertThat(resolve("google", "gemini/gemini-2.5-pro").key()).isEqualTo(ModelKey.of("google", "gemini-2.5-pro"));
        assertThat(resolve("vertex_ai", "gemini-2.5-pro").key()).isEqualTo(ModelKey.of("google", "gemini-2.5-pro"));
    }

    @Test
    void openRouterOwnPriceFirstThenTheVendors() {
        assertThat(resolve("openrouter", "openai/gpt-4o").rule()).isEqualTo("exact");
        ModelResolution vendor = resolve("openrouter", "anthropic/claude-opus-4");
        assertThat(vendor.key()).isEqualTo(ModelKey.of("anthropic", "claude-opus-4"));
        assertThat(vendor.rule()).isEqualTo("openrouter");
    }

    @Test
    void bedrockInferenceProfileAndRegion() {
        // The regional profile of a Bedrock model id the book has.
        ModelResolution regional = resolve("bedrock", "eu.anthropic.claude-sonnet-4-20250514-v1:0");
        assertThat(regional.key()).isEqualTo(ModelKey.of("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0"));
        assertThat(regional.rule()).isEqualTo("bedrock_profile");
        // No Bedrock price at all: the vendor's model, without "-v1:0" and the date.
        ModelResolution vendor = resolve("bedrock_converse", "us.anthropic.claude-3-7-sonnet-20250219-v1:0");
        assertThat(vendor.key()).isEqualTo(ModelKey.of("anthropic", "claude-3-7-sonnet"));
        assertThat(vendor.rule()).isEqualTo("bedrock_profile");
    }

    @Test
    void vertexVersionSuffix() {
        ModelResolution found = resolve("vertex_ai", "claude-opus-4@20250514");
        assertThat(found.key()).isEqualTo(ModelKey.of("anthropic", "claude-opus-4"));
        assertThat(found.rule()).isEqualTo("vertex_version");
        assertThat(resolve("google", "gemini-2.5-pro@001").key()).isEqualTo(ModelKey.of("google", "gemini-2.5-pro"));
    }

    @Test
    void unknownStaysUnknownAndIsUnpriced() {
        assertThat(catalog.resolution("openai", "gpt-9")).isEmpty();
        assertThat(catalog.resolution("bedrock", "us.unknown.thing-v1:0")).isEmpty();
        assertThat(catalog.price("openai", "gpt-9", SEED, Fixtures.usage().input(10).build()).unpricedReason())
                .isEqualTo("unknown model openai/gpt-9");
    }
}

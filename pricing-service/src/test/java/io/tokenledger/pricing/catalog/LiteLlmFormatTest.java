package io.tokenledger.pricing.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled LiteLLM catalog (2026-07-24) read in full; expected values are the file's USD/token x 1e6. */
class LiteLlmFormatTest {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static LiteLlmFormat.Parsed parsed;
    private static Map<ModelKey, Prices> byKey;

    @BeforeAll
    static void parseBundled() throws Exception {
        try (InputStream in = LiteLlmFormatTest.class.getClassLoader()
                .getResourceAsStream("catalog/litellm/litellm_model_prices_and_context_window.json")) {
            parsed = LiteLlmFormat.parse(in, FROM, "test");
        }
        byKey = parsed.versions().stream().collect(Collectors.toMap(Prices::key, Function.identity()));
    }

    @Test
    void readsEveryModelEntryAndSkipsOnlyThoseWithoutTokenPrices() {
        // 2,985 top-level keys - sample_spec - last_updated = 2,983 entries.
        assertThat(parsed.entriesRead()).isEqualTo(2983);
        assertThat(parsed.versions().size() + parsed.entriesSkipped()).isEqualTo(2983);
        assertThat(parsed.versions()).hasSize(2480); // 503 without a per-token price or duplicates
        assertThat(byKey).doesNotContainKey(ModelKey.of("one of https://docs.litellm.ai/docs/providers", "sample_spec"));
    }

    @Test
    void claudeSonnet45HasEveryClassAndItsLongContextCard() {
        Prices sonnet = byKey.get(ModelKey.of("anthropic", "claude-sonnet-4-5"));
        // 3e-06/token = $3/1M; 3e-07 = $0.30; 3.75e-06 = $3.75; 6e-06 = $6; 1.5e-05 = $15; web search $0.01/query = $10,000/1M.
        assertThat(sonnet.perMillion()).containsExactlyInAnyOrderEntriesOf(Map.of(
                TokenClass.INPUT, new BigDecimal("3"), TokenClass.CACHED_INPUT, new BigDecimal("0.3"),
                TokenClass.CACHE_WRITE_5M, new BigDecimal("3.75"), TokenClass.CACHE_WRITE_1H, new BigDecimal("6"),
                TokenClass.OUTPUT, new BigDecimal("15"), TokenClass.WEB_SEARCH, new BigDecimal("10000")));
        RateCard longContext = sonnet.card(ServiceTier.STANDARD, 200_000).orElseThrow();
        // above_200k: input 6e-06, output 2.25e-05, cache read 6e-07, write 5m 7.5e-06, write 1h 1.2e-05.
        assertThat(longContext.perMillion()).containsExactlyInAnyOrderEntriesOf(Map.of(
                TokenClass.INPUT, new BigDecimal("6"), TokenClass.OUTPUT, new BigDecimal("22.5"),
                TokenClass.CACHED_INPUT, new BigDecimal("0.6"), TokenClass.CACHE_WRITE_5M, new BigDecimal("7.5"),
                TokenClass.CACHE_WRITE_1H, new BigDecimal("12")));
        assertThat(sonnet.mode()).isEqualTo("chat");
        assertThat(sonnet.effectiveFrom()).isEqualTo(FROM);
    }

    @Test
    void gpt54HasBatchPriorityFlexAndThe272kTier() {
        Prices gpt = byKey.get(ModelKey.of("openai", "gpt-5.4"));
        assertThat(gpt.perMillion()).containsEntry(TokenClass.INPUT, new BigDecimal("2.5"))
                .containsEntry(TokenClass.CACHED_INPUT, new BigDecimal("0.25"))
                .containsEntry(TokenClass.OUTPUT, new BigDecimal("15"));
        assertThat(gpt.card(ServiceTier.BATCH, 0).orElseThrow().perMillion()).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("1.25"), TokenClass.OUTPUT, new BigDecimal("7.5")));
        assertThat(gpt.card(ServiceTier.PRIORITY, 0).orElseThrow().perMillion()).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("5"), TokenClass.CACHED_INPUT, new BigDecimal("0.5"),
                TokenClass.OUTPUT, new BigDecimal("30")));
        // flex cache read 1.3e-07 = $0.13/1M
        assertThat(gpt.card(ServiceTier.FLEX, 0).orElseThrow().perMillion()).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("1.25"), TokenClass.CACHED_INPUT, new BigDecimal("0.13"),
                TokenClass.OUTPUT, new BigDecimal("7.5")));
        assertThat(gpt.card(ServiceTier.STANDARD, 272_000).orElseThrow().perMillion()).isEqualTo(Map.of(
                TokenClass.INPUT, new BigDecimal("5"), TokenClass.CACHED_INPUT, new BigDecimal("0.5"),
                TokenClass.OUTPUT, new BigDecimal("22.5")));
    }

    @Test
    void exactDecimalsNeverDoubles() {
        // gpt-4o priority cache read 2.125e-06 -> 2.125 exactly (a double would print 2.1250000000000004 style noise).
        Prices gpt4o = byKey.get(ModelKey.of("openai", "gpt-4o"));
        assertThat(gpt4o.card(ServiceTier.PRIORITY, 0).orElseThrow().perMillion().get(TokenClass.CACHED_INPUT))
                .isEqualByComparingTo("2.125");
        // The file's own text is kept digit for digit: 2.9999900000000002e-06 -> 2.9999900000000002.
        assertThat(byKey.get(ModelKey.of("databricks", "databricks-claude-3-7-sonnet")).perMillion()
                .get(TokenClass.INPUT).toPlainString()).isEqualTo("2.9999900000000002");
    }

    @Test
    void embeddingsAreAlsoPricedAsTheEmbeddingClass() {
        Prices small = byKey.get(ModelKey.of("openai", "text-embedding-3-small"));
        // 2e-08/token = $0.02/1M; batch 1e-08 = $0.01/1M
        assertThat(small.perMillion()).containsEntry(TokenClass.EMBEDDING, new BigDecimal("0.02"))
                .containsEntry(TokenClass.INPUT, new BigDecimal("0.02"));
        assertThat(small.card(ServiceTier.BATCH, 0).orElseThrow().perMillion())
                .containsEntry(TokenClass.EMBEDDING, new BigDecimal("0.01"));
        assertThat(small.mode()).isEqualTo("embedding");
    }

    @Test
    void providersAndModelIdsAreNormalized() {
        assertThat(byKey).containsKey(ModelKey.of("bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"))
                .containsKey(ModelKey.of("google", "claude-opus-4@20250514"))
                .containsKey(ModelKey.of("openrouter", "openai/gpt-4o"))
                .containsKey(ModelKey.of("mistral", "mistral-large-latest"))
                .containsKey(ModelKey.of("deepseek", "deepseek-chat"))
                .containsKey(ModelKey.of("xai", "grok-4"))
                .containsKey(ModelKey.of("azure", "gpt-4o"));
        // Vertex Opus 4: 1.5e-05 in, 7.5e-05 out, 1.875e-05 5m write, 3e-05 1h write.
        Prices vertexOpus = byKey.get(ModelKey.of("google", "claude-opus-4@20250514"));
        assertThat(vertexOpus.perMillion()).containsEntry(TokenClass.CACHE_WRITE_5M, new BigDecimal("18.75"))
                .containsEntry(TokenClass.CACHE_WRITE_1H, new BigDecimal("30"));
        assertThat(vertexOpus.source()).isEqualTo("test key vertex_ai/claude-opus-4@20250514");
    }

    @Test
    void parsesTheFullFileWellUnderTwoSeconds() throws Exception {
        long start = System.nanoTime();
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("catalog/litellm/litellm_model_prices_and_context_window.json")) {
            LiteLlmFormat.parse(in, FROM, "test");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }

    @Test
    void rejectsWhatIsNotACatalog() {
        assertThatThrownBy(() -> LiteLlmFormat.parse(
                new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), FROM, "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

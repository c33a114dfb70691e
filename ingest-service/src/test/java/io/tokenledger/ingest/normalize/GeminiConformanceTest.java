package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Fixtures.cost;
import static io.tokenledger.ingest.normalize.Fixtures.normalize;
import static io.tokenledger.ingest.normalize.Fixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.api.ingest.v1.ProviderApi;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gemini usageMetadata fixtures (Gemini API, Vertex, stream): classes and cost at prices.csv list prices per 1M. */
class GeminiConformanceTest {

    private static final ProviderApi GEMINI = ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT;
    // prices.csv gemini-2.5-flash: $0.30 in, $0.03 cached, $1.00 audio in, $2.50 out, $2.50 reasoning.
    private static final Map<String, BigDecimal> FLASH_25 = prices("input_tokens", "0.3", "cached_input_tokens",
            "0.03", "input_audio_tokens", "1", "output_tokens", "2.5", "reasoning_tokens", "2.5");
    // prices.csv gemini-2.0-flash: $0.10 in, $0.025 cached, $0.70 audio in, $0.40 out.
    private static final Map<String, BigDecimal> FLASH_20 = prices("input_tokens", "0.1", "cached_input_tokens",
            "0.025", "input_audio_tokens", "0.7", "output_tokens", "0.4");

    @Test
    void thoughts_are_outside_candidates() {
        NormalizedUsage usage = normalize(GEMINI, "gemini_generatecontent_gemini-2.5-flash_thinking.json");
        // total 84 = prompt 13 + candidates 10 + thoughts 61.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 13L, "output_tokens", 10L, "reasoning_tokens", 61L));
        // 13 x 0.30 = 3.9 + 10 x 2.50 = 25 + 61 x 2.50 = 152.5 -> 181.4 micro-USD = 181,400 nano-USD.
        assertThat(cost(usage.usage(), FLASH_25)).isEqualTo(181_400L);
    }

    @Test
    void image_prompt_tokens_are_billed_as_input() {
        NormalizedUsage usage = normalize(GEMINI, "gemini_generatecontent_gemini-2.0-flash_image_input.json");
        // prompt 3,367 = IMAGE 3,354 + TEXT 13, all at the input rate; candidates 9.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 3_367L, "output_tokens", 9L));
        // 3,367 x 0.10 = 336.7 + 9 x 0.40 = 3.6 -> 340.3 micro-USD = 340,300 nano-USD.
        assertThat(cost(usage.usage(), FLASH_20)).isEqualTo(340_300L);
    }

    @Test
    void video_with_implicit_cache_and_thinking() {
        NormalizedUsage usage = normalize(GEMINI, "gemini_generatecontent_gemini-2.5-flash_video_cached_thinking.json");
        // prompt 17,713 (TEXT 16, VIDEO 15,780, AUDIO 1,917) includes cached 17,379 (AUDIO 1,881, TEXT 15, VIDEO 15,483).
        // input_audio = 1,917 - 1,881 = 36; input = 17,713 - 17,379 - 36 = 298 (= TEXT 1 + VIDEO 297);
        // candidates 68; thoughts 821.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 298L,
                "cached_input_tokens", 17_379L, "input_audio_tokens", 36L, "output_tokens", 68L,
                "reasoning_tokens", 821L));
        // 298 x 0.30 = 89.4 + 17,379 x 0.03 = 521.37 + 36 x 1.00 = 36 + 68 x 2.50 = 170 + 821 x 2.50 = 2,052.5
        // -> 2,869.27 micro-USD = 2,869,270 nano-USD. (Cached audio is billed at the one cached_input rate.)
        assertThat(cost(usage.usage(), FLASH_25)).isEqualTo(2_869_270L);
    }

    @Test
    void pro_function_call_with_thoughts() {
        NormalizedUsage usage = normalize(GEMINI, "gemini_generatecontent_gemini-2.5-pro_function_call.json");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 57L, "output_tokens", 15L, "reasoning_tokens", 124L));
        // prices.csv gemini-2.5-pro: $1.25 in, $10 out, reasoning at the output price.
        // 57 x 1.25 = 71.25 + 15 x 10 = 150 + 124 x 10 = 1,240 -> 1,461.25 micro-USD = 1,461,250 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "1.25", "cached_input_tokens", "0.125",
                "output_tokens", "10"))).isEqualTo(1_461_250L);
    }

    @Test
    void vertex_audio_prompt_tokens_are_input_audio() {
        NormalizedUsage usage = normalize(GEMINI, "gemini_generatecontent_gemini-2.0-flash_audio_input.json");
        // prompt 159 = TEXT 9 + AUDIO 150; candidates 22.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 9L, "input_audio_tokens", 150L, "output_tokens", 22L));
        // 9 x 0.10 = 0.9 + 150 x 0.70 = 105 + 22 x 0.40 = 8.8 -> 114.7 micro-USD = 114,700 nano-USD.
        assertThat(cost(usage.usage(), FLASH_20)).isEqualTo(114_700L);
    }

    @Test
    void stream_takes_the_last_chunk_not_the_sum() {
        NormalizedUsage usage = normalize(GEMINI, "gemini_streamgeneratecontent_gemini-2.0-flash.sse");
        // Earlier chunks say prompt 15 and no candidates; the last says prompt 13, candidates 8.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 13L, "output_tokens", 8L));
        // prices.csv gemini-2.0-flash-exp (tokencost 2025; LiteLLM 2026 dropped it): $0.15 in, $0.0375 cached, $0.60 out.
        // 13 x 0.15 = 1.95 + 8 x 0.60 = 4.8 -> 6.75 micro-USD = 6,750 nano-USD (pricing's *FixturePricesTest agrees).
        assertThat(cost(usage.usage(), prices("input_tokens", "0.15", "cached_input_tokens", "0.0375",
                "output_tokens", "0.6"))).isEqualTo(6_750L);
    }
}

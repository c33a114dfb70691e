package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Fixtures.cost;
import static io.tokenledger.ingest.normalize.Fixtures.normalize;
import static io.tokenledger.ingest.normalize.Fixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenledger.api.ingest.v1.ProviderApi;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI fixtures: canonical classes and cost at list prices (prices.csv, else LiteLLM 2026-07-24, per 1M). */
class OpenAiConformanceTest {

    private static final ProviderApi CHAT = ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS;
    private static final ProviderApi RESPONSES = ProviderApi.PROVIDER_API_OPENAI_RESPONSES;
    // prices.csv: gpt-4o $2.50 in, $1.25 cached, $10 out.
    private static final Map<String, BigDecimal> GPT_4O = prices("input_tokens", "2.5", "cached_input_tokens", "1.25",
            "output_tokens", "10");
    // prices.csv: o3-mini $1.10 in, $0.55 cached, $4.40 out; reasoning has no price of its own: output price.
    private static final Map<String, BigDecimal> O3_MINI = prices("input_tokens", "1.1", "cached_input_tokens", "0.55",
            "output_tokens", "4.4");
    // seeded from the LiteLLM import (pricing *FixturePricesTest): gpt-5.6-sol $5 in, $0.50 cached, $6.25 cache write, $30 out.
    private static final Map<String, BigDecimal> GPT_56_SOL = prices("input_tokens", "5", "cached_input_tokens", "0.5",
            "cache_write_5m_tokens", "6.25", "output_tokens", "30");
    // seeded from the LiteLLM import (pricing *FixturePricesTest): gpt-realtime $4 text in, $0.40 cached, $32 audio in,
    // $16 text out, $64 audio out.
    private static final Map<String, BigDecimal> GPT_REALTIME = prices("input_tokens", "4",
            "cached_input_tokens", "0.4", "input_audio_tokens", "32", "output_tokens", "16", "output_audio_tokens", "64");

    @Test
    void chat_gpt_4o_tool_call() {
        NormalizedUsage usage = normalize(CHAT, "openai_chat_gpt-4o_tool_call.json");
        // prompt 68 (cached 0, audio 0) -> input 68; completion 12 (reasoning 0, audio 0) -> output 12.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 68L, "output_tokens", 12L));
        // 68 x $2.50/1M = $0.000170; 12 x $10/1M = $0.000120; total $0.000290 = 290,000 nano-USD.
        assertThat(cost(usage.usage(), GPT_4O)).isEqualTo(290_000L);
    }

    @Test
    void chat_o3_mini_reasoning_is_inside_completion_tokens() {
        NormalizedUsage usage = normalize(CHAT, "openai_chat_o3-mini_reasoning.json");
        // completion 809 includes reasoning 768 -> output 809 - 768 = 41, reasoning 768; input 11.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 11L, "output_tokens", 41L, "reasoning_tokens", 768L));
        // 11 x 1.10 = 12.1 + 41 x 4.40 = 180.4 + 768 x 4.40 = 3,379.2 -> 3,571.7 micro-USD = 3,571,700 nano-USD.
        assertThat(cost(usage.usage(), O3_MINI)).isEqualTo(3_571_700L);
    }

    @Test
    void chat_gpt_4o_audio_input_audio_is_inside_prompt_tokens() {
        NormalizedUsage usage = normalize(CHAT, "openai_chat_gpt-4o-audio_audio_input.json");
        // prompt 64 includes audio 44 -> input 20 (the text_tokens), input_audio 44; completion 9 -> output 9.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 20L, "input_audio_tokens", 44L, "output_tokens", 9L));
        // prices.csv gpt-4o-audio-preview: $2.50 in, $40 audio in, $10 out.
        // 20 x 2.50 = 50 + 44 x 40 = 1,760 + 9 x 10 = 90 -> 1,900 micro-USD = 1,900,000 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "2.5", "input_audio_tokens", "40",
                "output_tokens", "10", "output_audio_tokens", "80"))).isEqualTo(1_900_000L);
    }

    @Test
    void chat_gpt_5_6_sol_cached_tokens_are_inside_prompt_tokens() {
        NormalizedUsage usage = normalize(CHAT, "openai_chat_gpt-5.6-sol_cached.json");
        // prompt 4,020 includes cached 4,012 (cache_write 0) -> input 8, cached 4,012; output 4.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 8L, "cached_input_tokens", 4_012L, "output_tokens", 4L));
        // 8 x 5 = 40 + 4,012 x 0.50 = 2,006 + 4 x 30 = 120 -> 2,166 micro-USD = 2,166,000 nano-USD.
        assertThat(cost(usage.usage(), GPT_56_SOL)).isEqualTo(2_166_000L);
    }

    @Test
    void chat_stream_takes_the_final_include_usage_chunk() {
        NormalizedUsage usage = normalize(CHAT, "openai_chat_gpt-4o-mini_stream_include_usage.sse");
        // Every chunk has "usage": null except the last: prompt 78, completion 9.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 78L, "output_tokens", 9L));
        // prices.csv gpt-4o-mini: 78 x $0.15 = 11.7 + 9 x $0.60 = 5.4 -> 17.1 micro-USD = 17,100 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "0.15", "cached_input_tokens", "0.075",
                "output_tokens", "0.6"))).isEqualTo(17_100L);
    }

    @Test
    void responses_gpt_4o_tool_call() {
        NormalizedUsage usage = normalize(RESPONSES, "openai_responses_gpt-4o_tool_call.json");
        // input 40 (cached 0), output 18 (reasoning 0).
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 40L, "output_tokens", 18L));
        // 40 x 2.50 = 100 + 18 x 10 = 180 -> 280 micro-USD = 280,000 nano-USD.
        assertThat(cost(usage.usage(), GPT_4O)).isEqualTo(280_000L);
    }

    @Test
    void responses_o3_mini_reasoning_is_inside_output_tokens() {
        NormalizedUsage usage = normalize(RESPONSES, "openai_responses_o3-mini_reasoning.json");
        // output 547 includes reasoning 128 -> output 419, reasoning 128; input 88.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 88L, "output_tokens", 419L, "reasoning_tokens", 128L));
        // 88 x 1.10 = 96.8 + 419 x 4.40 = 1,843.6 + 128 x 4.40 = 563.2 -> 2,503.6 micro-USD = 2,503,600 nano-USD.
        assertThat(cost(usage.usage(), O3_MINI)).isEqualTo(2_503_600L);
    }

    @Test
    void responses_gpt_5_web_search_cached_reasoning() {
        NormalizedUsage usage = normalize(RESPONSES, "openai_responses_gpt-5_web_search_cached_reasoning.json");
        // input 9,299 includes cached 8,448 -> input 851; output 577 includes reasoning 512 -> output 65;
        // one web_search_call output item -> 1 web search query.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 851L,
                "cached_input_tokens", 8_448L, "output_tokens", 65L, "reasoning_tokens", 512L,
                "web_search_queries", 1L));
        // prices.csv gpt-5: $1.25 in, $0.125 cached, $10 out. Tokens: 851 x 1.25 = 1,063.75 + 8,448 x 0.125 = 1,056
        // + 65 x 10 = 650 + 512 x 10 = 5,120 -> 7,889.75 micro-USD = 7,889,750 nano-USD.
        Map<String, BigDecimal> gpt5 = prices("input_tokens", "1.25", "cached_input_tokens", "0.125",
                "output_tokens", "10");
        Map<String, Long> tokens = new java.util.HashMap<>(usage.usage());
        tokens.remove("web_search_queries");
        assertThat(cost(tokens, gpt5)).isEqualTo(7_889_750L);
        // Neither prices.csv nor LiteLLM has a gpt-5 web search price, so the call is UNPRICED until the catalog
        // gets OpenAI's published $10.00 per 1K calls (which would add 10,000,000 nano-USD).
        assertThatThrownBy(() -> cost(usage.usage(), gpt5)).hasMessageContaining("web_search_queries");
    }

    @Test
    void responses_gpt_5_6_sol_cached() {
        NormalizedUsage usage = normalize(RESPONSES, "openai_responses_gpt-5.6-sol_cached.json");
        // input 4,020 includes cached 4,012 -> input 8; output 5 (reasoning 0).
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 8L, "cached_input_tokens", 4_012L, "output_tokens", 5L));
        // 8 x 5 = 40 + 4,012 x 0.50 = 2,006 + 5 x 30 = 150 -> 2,196 micro-USD = 2,196,000 nano-USD.
        assertThat(cost(usage.usage(), GPT_56_SOL)).isEqualTo(2_196_000L);
    }

    @Test
    void embeddings_text_embedding_3_small() {
        NormalizedUsage usage = normalize(ProviderApi.PROVIDER_API_OPENAI_EMBEDDINGS,
                "openai_embeddings_text-embedding-3-small.json");
        // prompt 4 -> embedding 4.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("embedding_tokens", 4L));
        // prices.csv text-embedding-3-small: 4 x $0.02/1M = 0.08 micro-USD = 80 nano-USD.
        assertThat(cost(usage.usage(), prices("embedding_tokens", "0.02"))).isEqualTo(80L);
    }

    @Test
    void realtime_audio_in_audio_out() {
        NormalizedUsage usage = normalize(ProviderApi.PROVIDER_API_OPENAI_REALTIME,
                "openai_realtime_gpt-realtime_response_done_audio_in_out.json");
        // input 41 = text 14 + audio 27 (cached 0); output 164 = text 28 + audio 136.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 14L,
                "input_audio_tokens", 27L, "output_tokens", 28L, "output_audio_tokens", 136L));
        // 14 x 4 = 56 + 27 x 32 = 864 + 28 x 16 = 448 + 136 x 64 = 8,704 -> 10,072 micro-USD = 10,072,000 nano-USD.
        assertThat(cost(usage.usage(), GPT_REALTIME)).isEqualTo(10_072_000L);
    }

    @Test
    void realtime_text_in_audio_out() {
        NormalizedUsage usage = normalize(ProviderApi.PROVIDER_API_OPENAI_REALTIME,
                "openai_realtime_gpt-realtime_response_done_text_in_audio_out.json");
        // input 16 = text 16; output 24 = text 9 + audio 15.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 16L, "output_tokens", 9L, "output_audio_tokens", 15L));
        // 16 x 4 = 64 + 9 x 16 = 144 + 15 x 64 = 960 -> 1,168 micro-USD = 1,168,000 nano-USD.
        assertThat(cost(usage.usage(), GPT_REALTIME)).isEqualTo(1_168_000L);
    }
}

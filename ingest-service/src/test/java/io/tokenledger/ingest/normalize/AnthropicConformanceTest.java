package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Fixtures.cost;
import static io.tokenledger.ingest.normalize.Fixtures.normalize;
import static io.tokenledger.ingest.normalize.Fixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.api.ingest.v1.ProviderApi;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anthropic Messages fixtures (first party, Bedrock InvokeModel, stream) and a Vertex AI body: classes and cost at
 * list prices per 1M.
 */
class AnthropicConformanceTest {

    private static final ProviderApi MESSAGES = ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES;
    // seeded from the LiteLLM import (pricing *FixturePricesTest): claude-sonnet-4-20250514
    // $3 in, $0.30 cache read, $3.75 5m write, $6 1h write, $15 out, $0.01 per web search ($10,000 per 1M).
    private static final Map<String, BigDecimal> SONNET_4 = prices("input_tokens", "3", "cached_input_tokens", "0.3",
            "cache_write_5m_tokens", "3.75", "cache_write_1h_tokens", "6", "output_tokens", "15",
            "web_search_queries", "10000");

    @Test
    void claude_3_opus_basic() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_messages_claude-3-opus_basic.json");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 20L, "output_tokens", 10L));
        // prices.csv claude-3-opus: 20 x $15 = 300 + 10 x $75 = 750 -> 1,050 micro-USD = 1,050,000 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "15", "cached_input_tokens", "1.5",
                "cache_write_5m_tokens", "18.75", "output_tokens", "75"))).isEqualTo(1_050_000L);
    }

    @Test
    void claude_sonnet_4_5_cache_classes_are_outside_input_tokens() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_messages_claude-sonnet-4-5_cache_write_read.json");
        // input 3 EXCLUDES cache read 1,111 and cache write 418 (all ephemeral_5m).
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 3L,
                "cached_input_tokens", 1_111L, "cache_write_5m_tokens", 418L, "output_tokens", 33L));
        // prices.csv claude-sonnet-4-5: 3 x $3 = 9 + 1,111 x $0.30 = 333.3 + 418 x $3.75 = 1,567.5 + 33 x $15 = 495
        // -> 2,404.8 micro-USD = 2,404,800 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "3", "cached_input_tokens", "0.3",
                "cache_write_5m_tokens", "3.75", "cache_write_1h_tokens", "6", "output_tokens", "15")))
                .isEqualTo(2_404_800L);
    }

    @Test
    void claude_haiku_4_5_parallel_tool_use() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_messages_claude-haiku-4-5_parallel_tool_use.json");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 423L, "output_tokens", 202L));
        // prices.csv claude-haiku-4-5: 423 x $1 = 423 + 202 x $5 = 1,010 -> 1,433 micro-USD = 1,433,000 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "1", "output_tokens", "5"))).isEqualTo(1_433_000L);
    }

    @Test
    void claude_sonnet_4_thinking_is_inside_output_tokens() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_messages_claude-sonnet-4_thinking_tool_use.json");
        // Thinking has no count of its own: all 155 output tokens are billed as output.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 398L, "output_tokens", 155L));
        // 398 x $3 = 1,194 + 155 x $15 = 2,325 -> 3,519 micro-USD = 3,519,000 nano-USD.
        assertThat(cost(usage.usage(), SONNET_4)).isEqualTo(3_519_000L);
    }

    @Test
    void claude_sonnet_4_web_search_requests_are_billed_queries() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_messages_claude-sonnet-4_web_search.json");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 8_984L, "output_tokens", 520L, "web_search_queries", 1L));
        // 8,984 x $3 = 26,952 + 520 x $15 = 7,800 + 1 search x $0.01 = 10,000 -> 44,752 micro-USD = 44,752,000 nano-USD.
        assertThat(cost(usage.usage(), SONNET_4)).isEqualTo(44_752_000L);
    }

    @Test
    void bedrock_invoke_claude_haiku_4_5_same_shape_as_first_party() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_bedrock_invoke_claude-haiku-4-5_cache.json");
        // input 3, cache read 9,511, cache write 1,956 (ephemeral_5m), output 44.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 3L,
                "cached_input_tokens", 9_511L, "cache_write_5m_tokens", 1_956L, "output_tokens", 44L));
        // Served on Bedrock EU (eu.anthropic.claude-haiku-4-5-20251001-v1:0, seeded from the LiteLLM import): LiteLLM $1.10 in,
        // $0.11 read, $1.375 5m write, $5.50 out (10% above Anthropic's list price, which prices.csv holds).
        // 3 x 1.10 = 3.3 + 9,511 x 0.11 = 1,046.21 + 1,956 x 1.375 = 2,689.5 + 44 x 5.50 = 242
        // -> 3,981.01 micro-USD = 3,981,010 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "1.1", "cached_input_tokens", "0.11",
                "cache_write_5m_tokens", "1.375", "output_tokens", "5.5"))).isEqualTo(3_981_010L);
    }

    @Test
    void vertex_raw_predict_body_is_the_messages_usage() {
        // Not a captured fixture: a body in the shape Vertex AI's :rawPredict returns for a Claude model (the Messages
        // response, with a msg_vrtx_ id), written by hand with a 1-hour cache write.
        String body = ("{'id': 'msg_vrtx_01HandWritten', 'type': 'message', 'role': 'assistant',"
                + " 'model': 'claude-opus-4-20250514', 'content': [{'type': 'text', 'text': 'ok'}],"
                + " 'stop_reason': 'end_turn', 'stop_sequence': null, 'usage': {'input_tokens': 1200,"
                + " 'cache_creation_input_tokens': 500, 'cache_read_input_tokens': 3000, 'cache_creation':"
                + " {'ephemeral_5m_input_tokens': 0, 'ephemeral_1h_input_tokens': 500}, 'output_tokens': 250}}")
                .replace('\'', '"');
        NormalizedUsage usage = ProviderUsageNormalizer.normalize(MESSAGES, body, "", Fixtures.PATH);
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 1_200L,
                "cached_input_tokens", 3_000L, "cache_write_1h_tokens", 500L, "output_tokens", 250L));
        // Reported as vertex_ai / claude-opus-4@20250514, pricing resolves it (its AnthropicFixturePricesTest)
        // to LiteLLM vertex_ai/claude-opus-4@20250514: $15 in, $1.50 read, $30 1h write, $75 out.
        // 1,200 x 15 = 18,000 + 3,000 x 1.50 = 4,500 + 500 x 30 = 15,000 + 250 x 75 = 18,750
        // -> 56,250 micro-USD = 56,250,000 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "15", "cached_input_tokens", "1.5",
                "cache_write_5m_tokens", "18.75", "cache_write_1h_tokens", "30", "output_tokens", "75")))
                .isEqualTo(56_250_000L);
    }

    @Test
    void stream_takes_message_start_overlaid_by_the_final_message_delta() {
        NormalizedUsage usage = normalize(MESSAGES, "anthropic_messages_claude-sonnet-4_thinking_stream.sse");
        // message_start: input 43, provisional output 1; message_delta: cumulative output 282 (not 1 + 282).
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 43L, "output_tokens", 282L));
        // 43 x $3 = 129 + 282 x $15 = 4,230 -> 4,359 micro-USD = 4,359,000 nano-USD.
        assertThat(cost(usage.usage(), SONNET_4)).isEqualTo(4_359_000L);
    }
}

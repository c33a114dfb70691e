package io.tokenledger.pricing.grpc;

import static io.tokenledger.pricing.grpc.SeededBook.usage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic Messages fixtures (first party, Bedrock InvokeModel, stream) priced by the seeded book, with the
 * canonical classes of ingest's AnthropicConformanceTest and the model each response names; costs worked out by
 * hand (tokens x USD per 1M, in micro-USD). Also an Anthropic call served by Vertex AI, under its Vertex model id.
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class AnthropicFixturePricesTest extends SeededBookTest {

    @Test
    void claude_3_opus_basic() {
        // anthropic_messages_claude-3-opus_basic.json: input 20, output 10. claude-3-opus-20240229 is a LiteLLM id of
        // its own (the curated claude-3-opus is its alias target): $15 in, $75 out. 20 x 15 = 300 + 10 x 75 = 750
        // -> 1,050 micro-USD.
        book.assertPriced("anthropic", "claude-3-opus-20240229", usage().setInputTokens(20).setOutputTokens(10),
                1_050_000L, "anthropic", "claude-3-opus-20240229");
    }

    @Test
    void claude_sonnet_4_5_cache_write_read() {
        // anthropic_messages_claude-sonnet-4-5_cache_write_read.json: input 3, cache read 1,111, 5m write 418, output 33.
        // LiteLLM claude-sonnet-4-5-20250929: $3 in, $0.30 read, $3.75 5m write, $15 out. 3 x 3 = 9
        // + 1,111 x 0.30 = 333.3 + 418 x 3.75 = 1,567.5 + 33 x 15 = 495 -> 2,404.8 micro-USD.
        book.assertPriced("anthropic", "claude-sonnet-4-5-20250929", usage().setInputTokens(3)
                .setCachedInputTokens(1_111).setCacheWrite5MTokens(418).setOutputTokens(33), 2_404_800L, "anthropic",
                "claude-sonnet-4-5-20250929");
    }

    @Test
    void claude_haiku_4_5_parallel_tool_use() {
        // anthropic_messages_claude-haiku-4-5_parallel_tool_use.json: input 423, output 202. LiteLLM
        // claude-haiku-4-5-20251001: $1 in, $5 out. 423 x 1 = 423 + 202 x 5 = 1,010 -> 1,433 micro-USD.
        book.assertPriced("anthropic", "claude-haiku-4-5-20251001", usage().setInputTokens(423).setOutputTokens(202),
                1_433_000L, "anthropic", "claude-haiku-4-5-20251001");
    }

    @Test
    void claude_sonnet_4_thinking_tool_use() {
        // anthropic_messages_claude-sonnet-4_thinking_tool_use.json: input 398, output 155 (thinking inside output).
        // LiteLLM claude-sonnet-4-20250514: $3 in, $15 out. 398 x 3 = 1,194 + 155 x 15 = 2,325 -> 3,519 micro-USD.
        book.assertPriced("anthropic", "claude-sonnet-4-20250514", usage().setInputTokens(398).setOutputTokens(155),
                3_519_000L, "anthropic", "claude-sonnet-4-20250514");
    }

    @Test
    void claude_sonnet_4_web_search() {
        // anthropic_messages_claude-sonnet-4_web_search.json: input 8,984, output 520, 1 web search request.
        // LiteLLM claude-sonnet-4-20250514: $3 in, $15 out, $0.01 per search (10,000 per 1M).
        // 8,984 x 3 = 26,952 + 520 x 15 = 7,800 + 1 x 10,000 = 10,000 -> 44,752 micro-USD.
        book.assertPriced("anthropic", "claude-sonnet-4-20250514", usage().setInputTokens(8_984).setOutputTokens(520)
                .setWebSearchQueries(1), 44_752_000L, "anthropic", "claude-sonnet-4-20250514");
    }

    @Test
    void bedrock_invoke_claude_haiku_4_5_cache() {
        // anthropic_bedrock_invoke_claude-haiku-4-5_cache.json: input 3, cache read 9,511, 5m write 1,956, output 44.
        // LiteLLM eu.anthropic.claude-haiku-4-5-20251001-v1:0 (Bedrock EU, 10% above Anthropic's list price): $1.10 in,
        // $0.11 read, $1.375 5m write, $5.50 out. 3 x 1.10 = 3.3 + 9,511 x 0.11 = 1,046.21 + 1,956 x 1.375 = 2,689.5
        // + 44 x 5.50 = 242 -> 3,981.01 micro-USD.
        book.assertPriced("bedrock", "eu.anthropic.claude-haiku-4-5-20251001-v1:0", usage().setInputTokens(3)
                .setCachedInputTokens(9_511).setCacheWrite5MTokens(1_956).setOutputTokens(44), 3_981_010L, "bedrock",
                "eu.anthropic.claude-haiku-4-5-20251001-v1:0");
    }

    @Test
    void claude_sonnet_4_thinking_stream() {
        // anthropic_messages_claude-sonnet-4_thinking_stream.sse: input 43, output 282 (the final message_delta).
        // 43 x 3 = 129 + 282 x 15 = 4,230 -> 4,359 micro-USD.
        book.assertPriced("anthropic", "claude-sonnet-4-20250514", usage().setInputTokens(43).setOutputTokens(282),
                4_359_000L, "anthropic", "claude-sonnet-4-20250514");
    }

    @Test
    void vertex_raw_predict_claude_opus_4_by_its_vertex_id() {
        // Anthropic on Vertex AI (:rawPredict) returns the Messages usage; ingest's AnthropicConformanceTest
        // normalizes such a body to input 1,200, cache read 3,000, 1h write 500, output 250. Provider vertex_ai is
        // google; LiteLLM vertex_ai/claude-opus-4@20250514: $15 in, $1.50 read, $30 1h write, $75 out.
        // 1,200 x 15 = 18,000 + 3,000 x 1.50 = 4,500 + 500 x 30 = 15,000 + 250 x 75 = 18,750 -> 56,250 micro-USD.
        book.assertPriced("vertex_ai", "claude-opus-4@20250514", usage().setInputTokens(1_200)
                .setCachedInputTokens(3_000).setCacheWrite1HTokens(500).setOutputTokens(250), 56_250_000L, "google",
                "claude-opus-4@20250514");
        // A Vertex version the book does not list resolves to its model without the @version (rule vertex_version):
        // LiteLLM vertex_ai/claude-opus-4, same prices.
        book.assertPriced("vertex_ai", "claude-opus-4@20991231", usage().setInputTokens(1_200)
                .setCachedInputTokens(3_000).setCacheWrite1HTokens(500).setOutputTokens(250), 56_250_000L, "google",
                "claude-opus-4");
    }
}

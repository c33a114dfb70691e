package io.tokenledger.pricing.grpc;

import static io.tokenledger.pricing.grpc.SeededBook.usage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.common.v1.TokenUsage;
import org.junit.jupiter.api.Test;

/**
 * The Bedrock Converse and OpenAI-compatible fixtures (DeepSeek, Groq, Mistral, OpenRouter) priced by the seeded
 * book, with the canonical classes of ingest's BedrockAndCompatibleConformanceTest; costs by hand (tokens x USD
 * per 1M, in micro-USD, rounded once half-even to nano-USD).
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class BedrockAndCompatibleFixturePricesTest extends SeededBookTest {

    @Test
    void converse_nova_micro_basic() {
        // bedrock_converse_nova-micro_basic.json: input 7, output 30. LiteLLM us.amazon.nova-micro-v1:0: $0.035 in,
        // $0.14 out. 7 x 0.035 = 0.245 + 30 x 0.14 = 4.2 -> 4.445 micro-USD.
        book.assertPriced("bedrock", "us.amazon.nova-micro-v1:0", usage().setInputTokens(7).setOutputTokens(30),
                4_445L, "bedrock", "us.amazon.nova-micro-v1:0");
    }

    @Test
    void converse_claude_sonnet_4_5_cache_write_read() {
        // bedrock_converse_claude-sonnet-4-5_cache_write_read.json: input 3, cache read 1,712, 5m write 236, output 121.
        // LiteLLM us.anthropic.claude-sonnet-4-5-20250929-v1:0 (US profile, 10% above Anthropic's list price): $3.30 in,
        // $0.33 read, $4.125 5m write, $16.50 out. 3 x 3.30 = 9.9 + 1,712 x 0.33 = 564.96 + 236 x 4.125 = 973.5
        // + 121 x 16.50 = 1,996.5 -> 3,544.86 micro-USD.
        book.assertPriced("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", usage().setInputTokens(3)
                .setCachedInputTokens(1_712).setCacheWrite5MTokens(236).setOutputTokens(121), 3_544_860L, "bedrock",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void converse_claude_3_7_sonnet_thinking_tool_use() {
        // bedrock_converse_claude-3-7-sonnet_thinking_tool_use.json: input 397, output 130. LiteLLM
        // us.anthropic.claude-3-7-sonnet-20250219-v1:0: $3 in, $15 out. 397 x 3 = 1,191 + 130 x 15 = 1,950
        // -> 3,141 micro-USD.
        book.assertPriced("bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                usage().setInputTokens(397).setOutputTokens(130), 3_141_000L, "bedrock",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0");
    }

    @Test
    void deepseek_v4_flash_cache_hit_and_reasoning() {
        // deepseek_chat_deepseek-v4-flash_cached_reasoning_tool.json: input 51, cached 512, output 56, reasoning 60,
        // under the served model deepseek-v4-flash. LiteLLM deepseek/deepseek-v4-flash: $0.14 in, $0.0028 cache hit,
        // $0.28 out (reasoning at the output price). 51 x 0.14 = 7.14 + 512 x 0.0028 = 1.4336 + 56 x 0.28 = 15.68
        // + 60 x 0.28 = 16.8 -> 41.0536 micro-USD = 41,053.6 nano-USD, rounded half-even to 41,054.
        book.assertPriced("deepseek", "deepseek-v4-flash", usage().setInputTokens(51).setCachedInputTokens(512)
                .setOutputTokens(56).setReasoningTokens(60), 41_054L, "deepseek", "deepseek-v4-flash");
    }

    @Test
    void groq_gpt_oss_120b_cached_reasoning() {
        // groq_chat_gpt-oss-120b_cached_reasoning.json: input 80, cached 256, output 37, reasoning 59. LiteLLM
        // groq/openai/gpt-oss-120b: $0.15 in, $0.075 cached, $0.60 out. 80 x 0.15 = 12 + 256 x 0.075 = 19.2
        // + 37 x 0.60 = 22.2 + 59 x 0.60 = 35.4 -> 88.8 micro-USD.
        book.assertPriced("groq", "openai/gpt-oss-120b", usage().setInputTokens(80).setCachedInputTokens(256)
                .setOutputTokens(37).setReasoningTokens(59), 88_800L, "groq", "openai/gpt-oss-120b");
    }

    @Test
    void mistral_large_cached_is_unpriced_without_a_cached_price() {
        // mistral_chat_mistral-large_cached.json: input 44, cached 224, output 5. prices.csv mistral-large-latest has
        // $0.50 in and $1.50 out but no cached-input price (nor has LiteLLM): UNPRICED until the catalog gets one,
        // never the cache reads at $0 or at the input rate.
        TokenUsage.Builder uncached = usage().setInputTokens(44).setOutputTokens(5);
        book.assertUnpriced("mistral", "mistral-large-latest", uncached.clone().setCachedInputTokens(224),
                "no cached_input price for mistral/mistral-large-latest");
        // The uncached part alone: 44 x 0.50 = 22 + 5 x 1.50 = 7.5 -> 29.5 micro-USD.
        book.assertPriced("mistral", "mistral-large-latest", uncached, 29_500L, "mistral", "mistral-large-latest");
    }

    @Test
    void openrouter_claude_sonnet_4_6_matches_its_reported_cost() {
        // openrouter_chat_claude-sonnet_with_cost.json: input 176, output 34, under the requested id. LiteLLM
        // openrouter/anthropic/claude-sonnet-4.6: $3 in, $15 out. 176 x 3 = 528 + 34 x 15 = 510 -> 1,038 micro-USD,
        // OpenRouter's own reported cost $0.001038.
        TokenUsage.Builder tokens = usage().setInputTokens(176).setOutputTokens(34);
        book.assertPriced("openrouter", "anthropic/claude-sonnet-4.6", tokens, 1_038_000L, "openrouter",
                "anthropic/claude-sonnet-4.6");
        // The response's served id (anthropic/claude-4.6-sonnet-20260217) is in no catalog and matches no rule:
        // UNPRICED, so a client should report the requested id.
        book.assertUnpriced("openrouter", "anthropic/claude-4.6-sonnet-20260217", tokens,
                "unknown model openrouter/anthropic/claude-4.6-sonnet-20260217");
    }
}

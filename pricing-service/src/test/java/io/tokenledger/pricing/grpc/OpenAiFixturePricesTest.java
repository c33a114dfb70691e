package io.tokenledger.pricing.grpc;

import static io.tokenledger.pricing.grpc.SeededBook.usage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.ServiceTier;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI provider response fixtures (ingest-service src/test/resources/provider-responses, a copy of
 * ../shared/data/responses), priced by the seeded book: each test takes the canonical classes ingest's
 * OpenAiConformanceTest expects from its fixture and the model the response names, and checks the cost worked out
 * here by hand (tokens x USD per 1M, in micro-USD, rounded once half-even to nano-USD).
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class OpenAiFixturePricesTest extends SeededBookTest {

    @Test
    void chat_gpt_4o_tool_call() {
        // openai_chat_gpt-4o_tool_call.json: input 68, output 12. gpt-4o-2024-08-06 is a LiteLLM id of its own (same
        // prices as the curated gpt-4o): $2.50 in, $10 out. 68 x 2.50 = 170 + 12 x 10 = 120 -> 290 micro-USD.
        book.assertPriced("openai", "gpt-4o-2024-08-06", usage().setInputTokens(68).setOutputTokens(12), 290_000L,
                "openai", "gpt-4o-2024-08-06");
    }

    @Test
    void chat_o3_mini_reasoning() {
        // openai_chat_o3-mini_reasoning.json: input 11, output 41, reasoning 768. LiteLLM o3-mini-2025-01-31: $1.10 in,
        // $4.40 out, reasoning at the output price. 11 x 1.10 = 12.1 + 41 x 4.40 = 180.4 + 768 x 4.40 = 3,379.2
        // -> 3,571.7 micro-USD.
        book.assertPriced("openai", "o3-mini-2025-01-31", usage().setInputTokens(11).setOutputTokens(41)
                .setReasoningTokens(768), 3_571_700L, "openai", "o3-mini-2025-01-31");
    }

    @Test
    void chat_gpt_4o_audio_input() {
        // openai_chat_gpt-4o-audio_audio_input.json: input 20, input audio 44, output 9. LiteLLM
        // gpt-4o-audio-preview-2024-12-17: $2.50 in, $40 audio in, $10 out. 20 x 2.50 = 50 + 44 x 40 = 1,760
        // + 9 x 10 = 90 -> 1,900 micro-USD.
        book.assertPriced("openai", "gpt-4o-audio-preview-2024-12-17", usage().setInputTokens(20)
                .setInputAudioTokens(44).setOutputTokens(9), 1_900_000L, "openai", "gpt-4o-audio-preview-2024-12-17");
    }

    @Test
    void chat_gpt_5_6_sol_cached() {
        // openai_chat_gpt-5.6-sol_cached.json: input 8, cached 4,012, output 4. LiteLLM gpt-5.6-sol: $5 in, $0.50 cached,
        // $30 out. 8 x 5 = 40 + 4,012 x 0.50 = 2,006 + 4 x 30 = 120 -> 2,166 micro-USD.
        book.assertPriced("openai", "gpt-5.6-sol", sol56(4), 2_166_000L, "openai", "gpt-5.6-sol");
    }

    @Test
    void chat_gpt_5_6_sol_on_the_flex_priority_and_batch_tiers() {
        // Flex: $2.50 in, $0.25 cached, $15 out: 8 x 2.5 = 20 + 4,012 x 0.25 = 1,003 + 4 x 15 = 60 -> 1,083 micro-USD.
        book.assertPriced("openai", "gpt-5.6-sol", sol56(4), ServiceTier.SERVICE_TIER_FLEX, 1_083_000L, "openai",
                "gpt-5.6-sol");
        // Priority: $10 in, $1 cached, $60 out: 8 x 10 = 80 + 4,012 x 1 = 4,012 + 4 x 60 = 240 -> 4,332 micro-USD.
        book.assertPriced("openai", "gpt-5.6-sol", sol56(4), ServiceTier.SERVICE_TIER_PRIORITY, 4_332_000L, "openai",
                "gpt-5.6-sol");
        // Batch: $2.50 in, $15 out, but no batch cached-input price: UNPRICED, never $0 or the standard rate.
        book.assertUnpriced("openai", "gpt-5.6-sol", sol56(4), ServiceTier.SERVICE_TIER_BATCH,
                "no batch cached_input price for openai/gpt-5.6-sol");
        // Without cached tokens the batch card prices it: 8 x 2.5 = 20 + 4 x 15 = 60 -> 80 micro-USD.
        book.assertPriced("openai", "gpt-5.6-sol", usage().setInputTokens(8).setOutputTokens(4),
                ServiceTier.SERVICE_TIER_BATCH, 80_000L, "openai", "gpt-5.6-sol");
    }

    @Test
    void chat_gpt_4o_mini_stream_final_chunk() {
        // openai_chat_gpt-4o-mini_stream_include_usage.sse: input 78, output 9. gpt-4o-mini-2024-07-18 is a curated
        // row (prices.csv, with its fine-tuning price): $0.15 in, $0.60 out. 78 x 0.15 = 11.7 + 9 x 0.60 = 5.4
        // -> 17.1 micro-USD.
        book.assertPriced("openai", "gpt-4o-mini-2024-07-18", usage().setInputTokens(78).setOutputTokens(9), 17_100L,
                "openai", "gpt-4o-mini-2024-07-18");
    }

    @Test
    void responses_gpt_4o_tool_call() {
        // openai_responses_gpt-4o_tool_call.json: input 40, output 18. $2.50 in, $10 out (as above).
        // 40 x 2.50 = 100 + 18 x 10 = 180 -> 280 micro-USD.
        book.assertPriced("openai", "gpt-4o-2024-08-06", usage().setInputTokens(40).setOutputTokens(18), 280_000L,
                "openai", "gpt-4o-2024-08-06");
    }

    @Test
    void responses_o3_mini_reasoning() {
        // openai_responses_o3-mini_reasoning.json: input 88, output 419, reasoning 128. $1.10 in, $4.40 out and reasoning.
        // 88 x 1.10 = 96.8 + 419 x 4.40 = 1,843.6 + 128 x 4.40 = 563.2 -> 2,503.6 micro-USD.
        book.assertPriced("openai", "o3-mini-2025-01-31", usage().setInputTokens(88).setOutputTokens(419)
                .setReasoningTokens(128), 2_503_600L, "openai", "o3-mini-2025-01-31");
    }

    @Test
    void responses_gpt_5_web_search_is_unpriced_without_a_search_price() {
        // openai_responses_gpt-5_web_search_cached_reasoning.json: input 851, cached 8,448, output 65, reasoning 512,
        // 1 web search query. Neither prices.csv (gpt-5) nor LiteLLM (gpt-5-2025-08-07) has a gpt-5 web search
        // price, so the call is UNPRICED, never $0 for the search.
        TokenUsage.Builder tokens = usage().setInputTokens(851).setCachedInputTokens(8_448).setOutputTokens(65)
                .setReasoningTokens(512);
        book.assertUnpriced("openai", "gpt-5-2025-08-07", tokens.clone().setWebSearchQueries(1),
                "no web_search price for openai/gpt-5-2025-08-07");
        // Its tokens alone, at LiteLLM gpt-5-2025-08-07 $1.25 in, $0.125 cached, $10 out and reasoning:
        // 851 x 1.25 = 1,063.75 + 8,448 x 0.125 = 1,056 + 65 x 10 = 650 + 512 x 10 = 5,120 -> 7,889.75 micro-USD.
        book.assertPriced("openai", "gpt-5-2025-08-07", tokens, 7_889_750L, "openai", "gpt-5-2025-08-07");
    }

    @Test
    void responses_gpt_5_6_sol_cached() {
        // openai_responses_gpt-5.6-sol_cached.json: input 8, cached 4,012, output 5.
        // 8 x 5 = 40 + 4,012 x 0.50 = 2,006 + 5 x 30 = 150 -> 2,196 micro-USD.
        book.assertPriced("openai", "gpt-5.6-sol", sol56(5), 2_196_000L, "openai", "gpt-5.6-sol");
    }

    @Test
    void embeddings_text_embedding_3_small() {
        // openai_embeddings_text-embedding-3-small.json: embedding 4. prices.csv: $0.02 per 1M embedding tokens.
        // 4 x 0.02 = 0.08 micro-USD = 80 nano-USD.
        book.assertPriced("openai", "text-embedding-3-small", usage().setEmbeddingTokens(4), 80L, "openai",
                "text-embedding-3-small");
    }

    @Test
    void realtime_audio_in_audio_out() {
        // openai_realtime_gpt-realtime_response_done_audio_in_out.json: text 14 + audio 27 in, text 28 + audio 136 out.
        // LiteLLM gpt-realtime: $4 text in, $32 audio in, $16 text out, $64 audio out.
        // 14 x 4 = 56 + 27 x 32 = 864 + 28 x 16 = 448 + 136 x 64 = 8,704 -> 10,072 micro-USD.
        book.assertPriced("openai", "gpt-realtime", usage().setInputTokens(14).setInputAudioTokens(27)
                .setOutputTokens(28).setOutputAudioTokens(136), 10_072_000L, "openai", "gpt-realtime");
    }

    @Test
    void realtime_text_in_audio_out() {
        // openai_realtime_gpt-realtime_response_done_text_in_audio_out.json: text 16 in, text 9 + audio 15 out.
        // 16 x 4 = 64 + 9 x 16 = 144 + 15 x 64 = 960 -> 1,168 micro-USD.
        book.assertPriced("openai", "gpt-realtime", usage().setInputTokens(16).setOutputTokens(9)
                .setOutputAudioTokens(15), 1_168_000L, "openai", "gpt-realtime");
    }

    /** The gpt-5.6-sol fixtures' usage: 8 uncached input tokens, 4,012 cache reads and the given output. */
    private static TokenUsage.Builder sol56(long output) {
        return usage().setInputTokens(8).setCachedInputTokens(4_012).setOutputTokens(output);
    }
}

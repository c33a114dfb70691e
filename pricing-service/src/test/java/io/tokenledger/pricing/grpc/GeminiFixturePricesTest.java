package io.tokenledger.pricing.grpc;

import static io.tokenledger.pricing.grpc.SeededBook.usage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The Gemini usageMetadata fixtures (Gemini API, Vertex, stream) priced by the seeded book, with the canonical
 * classes of ingest's GeminiConformanceTest; every model is a curated row of prices.csv. Costs by hand
 * (tokens x USD per 1M, in micro-USD).
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class GeminiFixturePricesTest extends SeededBookTest {

    @Test
    void gemini_2_5_flash_thinking() {
        // gemini_generatecontent_gemini-2.5-flash_thinking.json: input 13, output 10, reasoning (thoughts) 61.
        // prices.csv gemini-2.5-flash: $0.30 in, $2.50 out, $2.50 reasoning. 13 x 0.30 = 3.9 + 10 x 2.50 = 25
        // + 61 x 2.50 = 152.5 -> 181.4 micro-USD.
        book.assertPriced("google", "gemini-2.5-flash", usage().setInputTokens(13).setOutputTokens(10)
                .setReasoningTokens(61), 181_400L, "google", "gemini-2.5-flash");
    }

    @Test
    void gemini_2_0_flash_image_input() {
        // gemini_generatecontent_gemini-2.0-flash_image_input.json: input 3,367 (image prompt tokens at the input rate),
        // output 9. prices.csv gemini-2.0-flash: $0.10 in, $0.40 out. 3,367 x 0.10 = 336.7 + 9 x 0.40 = 3.6
        // -> 340.3 micro-USD.
        book.assertPriced("google", "gemini-2.0-flash", usage().setInputTokens(3_367).setOutputTokens(9), 340_300L,
                "google", "gemini-2.0-flash");
    }

    @Test
    void gemini_2_5_flash_video_cached_thinking() {
        // gemini_generatecontent_gemini-2.5-flash_video_cached_thinking.json: input 298, cached 17,379, input audio 36,
        // output 68, reasoning 821. prices.csv gemini-2.5-flash: $0.30 in, $0.03 cached, $1 audio in, $2.50 out and
        // reasoning. 298 x 0.30 = 89.4 + 17,379 x 0.03 = 521.37 + 36 x 1 = 36 + 68 x 2.50 = 170 + 821 x 2.50 = 2,052.5
        // -> 2,869.27 micro-USD.
        book.assertPriced("google", "gemini-2.5-flash", usage().setInputTokens(298).setCachedInputTokens(17_379)
                .setInputAudioTokens(36).setOutputTokens(68).setReasoningTokens(821), 2_869_270L, "google",
                "gemini-2.5-flash");
    }

    @Test
    void gemini_2_5_pro_function_call() {
        // gemini_generatecontent_gemini-2.5-pro_function_call.json: input 57, output 15, reasoning 124 (prompt far below
        // the 200k long-context threshold). prices.csv gemini-2.5-pro: $1.25 in, $10 out, reasoning at the output price.
        // 57 x 1.25 = 71.25 + 15 x 10 = 150 + 124 x 10 = 1,240 -> 1,461.25 micro-USD.
        book.assertPriced("google", "gemini-2.5-pro", usage().setInputTokens(57).setOutputTokens(15)
                .setReasoningTokens(124), 1_461_250L, "google", "gemini-2.5-pro");
    }

    @Test
    void vertex_gemini_2_0_flash_audio_input() {
        // gemini_generatecontent_gemini-2.0-flash_audio_input.json (Vertex AI): input 9, input audio 150, output 22.
        // Provider vertex_ai is google. $0.10 in, $0.70 audio in, $0.40 out. 9 x 0.10 = 0.9 + 150 x 0.70 = 105
        // + 22 x 0.40 = 8.8 -> 114.7 micro-USD.
        book.assertPriced("vertex_ai", "gemini-2.0-flash", usage().setInputTokens(9).setInputAudioTokens(150)
                .setOutputTokens(22), 114_700L, "google", "gemini-2.0-flash");
    }

    @Test
    void gemini_2_0_flash_exp_stream() {
        // gemini_streamgeneratecontent_gemini-2.0-flash.sse: input 13, output 8 (the last chunk). prices.csv
        // gemini-2.0-flash-exp (tokencost 2025; LiteLLM 2026 dropped it): $0.15 in, $0.60 out.
        // 13 x 0.15 = 1.95 + 8 x 0.60 = 4.8 -> 6.75 micro-USD.
        book.assertPriced("google", "gemini-2.0-flash-exp", usage().setInputTokens(13).setOutputTokens(8), 6_750L,
                "google", "gemini-2.0-flash-exp");
    }
}

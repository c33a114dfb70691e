package io.tokenledger.pricing.grpc;

import static io.tokenledger.pricing.grpc.SeededBook.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.ServiceTier;
import org.junit.jupiter.api.Test;

/**
 * The image token classes and the per-call fees (LiteLLM's input_cost_per_query as the request class, and web
 * search queries) priced by the seeded book over gRPC, to the nano-USD, with the arithmetic by hand.
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class ImageAndPerQueryPricesTest extends SeededBookTest {

    @Test
    void gptImage1BillsImageTokensInAndOutAtTheirOwnRates() {
        // prices.csv gpt-image-1: $5 text in, $10 image in, $40 image out (per 1M). An edit of one input image:
        // 20 text x 5 = 100 + 323 image x 10 = 3,230 + 4,160 image out x 40 = 166,400 -> 169,730 micro-USD.
        TokenUsage.Builder edit = usage().setInputTokens(20).setInputImageTokens(323).setOutputImageTokens(4_160);
        book.assertPriced("openai", "gpt-image-1", edit, 169_730_000L, "openai", "gpt-image-1");
        CostBreakdown parts = book.price("openai", "gpt-image-1", edit, ServiceTier.SERVICE_TIER_UNSPECIFIED)
                .getBreakdown();
        assertThat(parts.getInputNanos()).isEqualTo(100_000L);
        assertThat(parts.getInputImageNanos()).isEqualTo(3_230_000L);
        assertThat(parts.getOutputImageNanos()).isEqualTo(166_400_000L);
    }

    @Test
    void gptImage1HasNoTextOutputPrice() {
        // The model writes images only; text output tokens have no price: UNPRICED, never $0.
        book.assertUnpriced("openai", "gpt-image-1", usage().setInputTokens(20).setOutputTokens(5),
                "no output price for openai/gpt-image-1");
    }

    @Test
    void rerankIsBilledPerQuery() {
        // LiteLLM rerank-v3.5 (cohere): input_cost_per_query $0.002 -> the request class at $2,000 per 1M queries; its
        // token prices are a published $0. One search (a usage is at least one request) of 5,000 tokens:
        // 5,000 x 0 + 1 x 2,000 = 2,000 micro-USD.
        book.assertPriced("cohere", "rerank-v3.5", usage().setInputTokens(5_000), 2_000_000L, "cohere", "rerank-v3.5");
        // Three searches: 3 x 2,000 = 6,000 micro-USD.
        book.assertPriced("cohere", "rerank-v3.5", usage().setInputTokens(5_000).setRequests(3), 6_000_000L, "cohere",
                "rerank-v3.5");
    }

    @Test
    void aSearchApiHasOnlyAPerQueryFee() {
        // LiteLLM perplexity/search: input_cost_per_query $0.005, no token price. 2 queries x 5,000 = 10,000 micro-USD.
        book.assertPriced("perplexity", "search", usage().setRequests(2), 10_000_000L, "perplexity", "search");
    }

    @Test
    void geminiGroundingWithSearchIsBilledPerQuery() {
        // prices.csv gemini-2.5-flash: $0.30 in, $2.50 out, $0.035 per grounded query (search_context_cost_per_query,
        // 35,000 per 1M). 100 x 0.30 = 30 + 50 x 2.50 = 125 + 2 x 35,000 = 70,000 -> 70,155 micro-USD.
        TokenUsage.Builder grounded = usage().setInputTokens(100).setOutputTokens(50).setWebSearchQueries(2);
        book.assertPriced("google", "gemini-2.5-flash", grounded, 70_155_000L, "google", "gemini-2.5-flash");
        assertThat(book.price("google", "gemini-2.5-flash", grounded, ServiceTier.SERVICE_TIER_UNSPECIFIED)
                .getBreakdown().getWebSearchNanos()).isEqualTo(70_000_000L);
    }
}

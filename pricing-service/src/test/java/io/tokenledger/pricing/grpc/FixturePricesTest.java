package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import io.tokenledger.api.pricing.v1.ServiceTier;
import org.junit.jupiter.api.Test;

/**
 * The models of the provider response fixtures (../shared/data/responses/index.json), priced by the seeded book
 * (prices.csv + the bundled LiteLLM catalog) with the canonical usage ingest's conformance tests derive from each
 * fixture. Every one is PRICED, and the cost is the one worked out by hand there (and again here).
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class FixturePricesTest {

    // 2026-08-01T00:00:00Z
    private static final Timestamp AUGUST_2026 = Timestamp.newBuilder().setSeconds(1_785_542_400L).build();

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    @Test
    void openai_gpt_5_6_sol_chat_cached() {
        // LiteLLM gpt-5.6-sol: $5 in, $0.50 cached, $30 out. input 8, cached 4,012, output 4:
        // 8 x 5 = 40 + 4,012 x 0.50 = 2,006 + 4 x 30 = 120 -> 2,166 micro-USD.
        assertPriced("openai", "gpt-5.6-sol", usage().setInputTokens(8).setCachedInputTokens(4_012).setOutputTokens(4),
                ServiceTier.SERVICE_TIER_UNSPECIFIED, 2_166_000L, "openai", "gpt-5.6-sol");
    }

    @Test
    void the_service_tier_selects_the_flex_and_priority_rates() {
        TokenUsage.Builder usage = usage().setInputTokens(8).setCachedInputTokens(4_012).setOutputTokens(4);
        // Flex: $2.50 in, $0.25 cached, $15 out: 8 x 2.5 = 20 + 4,012 x 0.25 = 1,003 + 4 x 15 = 60 -> 1,083 micro-USD.
        assertPriced("openai", "gpt-5.6-sol", usage, ServiceTier.SERVICE_TIER_FLEX, 1_083_000L, "openai", "gpt-5.6-sol");
        // Priority: $10 in, $1 cached, $60 out: 8 x 10 = 80 + 4,012 x 1 = 4,012 + 4 x 60 = 240 -> 4,332 micro-USD.
        assertPriced("openai", "gpt-5.6-sol", usage, ServiceTier.SERVICE_TIER_PRIORITY, 4_332_000L, "openai",
                "gpt-5.6-sol");
        // Batch: $2.50 in, $15 out, but no batch cached-input price: UNPRICED, never $0 or the standard rate.
        PricedItem batch = price("openai", "gpt-5.6-sol", usage, ServiceTier.SERVICE_TIER_BATCH);
        assertThat(batch.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(batch.getUnpricedReason()).isEqualTo("no batch cached_input price for openai/gpt-5.6-sol");
        // Without cached tokens the batch card prices it: 8 x 2.5 = 20 + 4 x 15 = 60 -> 80 micro-USD.
        assertPriced("openai", "gpt-5.6-sol", usage().setInputTokens(8).setOutputTokens(4),
                ServiceTier.SERVICE_TIER_BATCH, 80_000L, "openai", "gpt-5.6-sol");
    }

    @Test
    void openai_gpt_realtime_audio_in_audio_out() {
        // LiteLLM gpt-realtime: $4 text in, $32 audio in, $16 text out, $64 audio out. Text 14 + audio 27 in,
        // text 28 + audio 136 out: 56 + 864 + 448 + 8,704 -> 10,072 micro-USD.
        assertPriced("openai", "gpt-realtime", usage().setInputTokens(14).setInputAudioTokens(27).setOutputTokens(28)
                .setOutputAudioTokens(136), ServiceTier.SERVICE_TIER_UNSPECIFIED, 10_072_000L, "openai", "gpt-realtime");
    }

    @Test
    void anthropic_claude_sonnet_4_dated() {
        // LiteLLM claude-sonnet-4-20250514: $3 in, $15 out. 398 in, 155 out: 1,194 + 2,325 -> 3,519 micro-USD.
        assertPriced("anthropic", "claude-sonnet-4-20250514", usage().setInputTokens(398).setOutputTokens(155),
                ServiceTier.SERVICE_TIER_UNSPECIFIED, 3_519_000L, "anthropic", "claude-sonnet-4-20250514");
    }

    @Test
    void bedrock_nova_micro_and_claude_3_7_regional_profiles() {
        // LiteLLM us.amazon.nova-micro-v1:0: $0.035 in, $0.14 out. 7 in, 30 out: 0.245 + 4.2 -> 4.445 micro-USD.
        assertPriced("bedrock", "us.amazon.nova-micro-v1:0", usage().setInputTokens(7).setOutputTokens(30),
                ServiceTier.SERVICE_TIER_UNSPECIFIED, 4_445L, "bedrock", "us.amazon.nova-micro-v1:0");
        // LiteLLM us.anthropic.claude-3-7-sonnet-20250219-v1:0: $3 in, $15 out. 397 in, 130 out:
        // 1,191 + 1,950 -> 3,141 micro-USD.
        assertPriced("bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                usage().setInputTokens(397).setOutputTokens(130), ServiceTier.SERVICE_TIER_UNSPECIFIED, 3_141_000L,
                "bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0");
    }

    @Test
    void deepseek_v4_flash_cache_hit_and_reasoning() {
        // LiteLLM deepseek-v4-flash: $0.14 in, $0.0028 cache hit, $0.28 out (reasoning at the output price).
        // 51 x 0.14 = 7.14 + 512 x 0.0028 = 1.4336 + 56 x 0.28 = 15.68 + 60 x 0.28 = 16.8 -> 41.0536 micro-USD
        // = 41,053.6 nano-USD, rounded half-even to 41,054.
        assertPriced("deepseek", "deepseek-v4-flash", usage().setInputTokens(51).setCachedInputTokens(512)
                .setOutputTokens(56).setReasoningTokens(60), ServiceTier.SERVICE_TIER_UNSPECIFIED, 41_054L,
                "deepseek", "deepseek-v4-flash");
    }

    @Test
    void groq_gpt_oss_120b_and_openrouter_claude_sonnet_4_6() {
        // LiteLLM groq/openai/gpt-oss-120b: $0.15 in, $0.075 cached, $0.60 out. 80 in, 256 cached, 37 out, 59 reasoning:
        // 12 + 19.2 + 22.2 + 35.4 -> 88.8 micro-USD.
        assertPriced("groq", "openai/gpt-oss-120b", usage().setInputTokens(80).setCachedInputTokens(256)
                .setOutputTokens(37).setReasoningTokens(59), ServiceTier.SERVICE_TIER_UNSPECIFIED, 88_800L,
                "groq", "openai/gpt-oss-120b");
        // LiteLLM openrouter/anthropic/claude-sonnet-4.6: $3 in, $15 out. 176 in, 34 out: 528 + 510 -> 1,038 micro-USD,
        // OpenRouter's own reported $0.001038.
        assertPriced("openrouter", "anthropic/claude-sonnet-4.6", usage().setInputTokens(176).setOutputTokens(34),
                ServiceTier.SERVICE_TIER_UNSPECIFIED, 1_038_000L, "openrouter", "anthropic/claude-sonnet-4.6");
    }

    @Test
    void gemini_2_0_flash_exp_from_the_curated_seed() {
        // prices.csv gemini-2.0-flash-exp (tokencost 2025): $0.15 in, $0.60 out. 13 in, 8 out: 1.95 + 4.8 -> 6.75 micro-USD.
        assertPriced("google", "gemini-2.0-flash-exp", usage().setInputTokens(13).setOutputTokens(8),
                ServiceTier.SERVICE_TIER_UNSPECIFIED, 6_750L, "google", "gemini-2.0-flash-exp");
    }

    private static TokenUsage.Builder usage() {
        return TokenUsage.newBuilder();
    }

    private PricedItem price(String provider, String model, TokenUsage.Builder usage, ServiceTier tier) {
        return pricing.priceUsage(PriceUsageRequest.newBuilder().addItems(PriceItem.newBuilder().setItemId("fixture")
                .setProvider(provider).setModel(model).setOccurredTime(AUGUST_2026).setUsage(usage)
                .setServiceTier(tier)).build()).getItems(0);
    }

    private void assertPriced(String provider, String model, TokenUsage.Builder usage, ServiceTier tier, long nanos,
                              String resolvedProvider, String resolvedModel) {
        PricedItem item = price(provider, model, usage, tier);
        assertThat(item.getUnpricedReason()).isEmpty();
        assertThat(item.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(item.getCostNanos()).isEqualTo(nanos);
        assertThat(item.getResolvedProvider()).isEqualTo(resolvedProvider);
        assertThat(item.getResolvedModel()).isEqualTo(resolvedModel);
    }
}

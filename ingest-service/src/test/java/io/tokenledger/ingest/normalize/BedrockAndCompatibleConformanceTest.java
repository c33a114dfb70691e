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

/** Bedrock Converse and OpenAI-compatible fixtures: classes and cost at list prices per 1M. */
class BedrockAndCompatibleConformanceTest {

    private static final ProviderApi CONVERSE = ProviderApi.PROVIDER_API_BEDROCK_CONVERSE;
    private static final ProviderApi COMPATIBLE = ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE;

    @Test
    void converse_nova_micro_basic() {
        NormalizedUsage usage = normalize(CONVERSE, "bedrock_converse_nova-micro_basic.json");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 7L, "output_tokens", 30L));
        // seeded from the LiteLLM import (pricing *FixturePricesTest): us.amazon.nova-micro-v1:0 $0.035 in, $0.14 out.
        // 7 x 0.035 = 0.245 + 30 x 0.14 = 4.2 -> 4.445 micro-USD = 4,445 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "0.035", "output_tokens", "0.14"))).isEqualTo(4_445L);
    }

    @Test
    void converse_claude_sonnet_4_5_cache_classes_are_outside_input_tokens() {
        NormalizedUsage usage = normalize(CONVERSE, "bedrock_converse_claude-sonnet-4-5_cache_write_read.json");
        // inputTokens 3 EXCLUDE cache read 1,712 and cache write 236 (cacheDetails ttl 5m); total 2,072 = 3+1,712+236+121.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 3L,
                "cached_input_tokens", 1_712L, "cache_write_5m_tokens", 236L, "output_tokens", 121L));
        // Bedrock US profile, seeded from the LiteLLM import: us.anthropic.claude-sonnet-4-5-20250929-v1:0 $3.30 in,
        // $0.33 read, $4.125 5m write, $16.50 out (10% above the Anthropic list price in prices.csv).
        // 3 x 3.30 = 9.9 + 1,712 x 0.33 = 564.96 + 236 x 4.125 = 973.5 + 121 x 16.50 = 1,996.5
        // -> 3,544.86 micro-USD = 3,544,860 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "3.3", "cached_input_tokens", "0.33",
                "cache_write_5m_tokens", "4.125", "output_tokens", "16.5"))).isEqualTo(3_544_860L);
    }

    @Test
    void converse_claude_3_7_sonnet_thinking_tool_use() {
        NormalizedUsage usage = normalize(CONVERSE, "bedrock_converse_claude-3-7-sonnet_thinking_tool_use.json");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 397L, "output_tokens", 130L));
        // seeded from the LiteLLM import (pricing *FixturePricesTest): us.anthropic.claude-3-7-sonnet-20250219-v1:0 $3 in, $15 out.
        // 397 x 3 = 1,191 + 130 x 15 = 1,950 -> 3,141 micro-USD = 3,141,000 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "3", "output_tokens", "15"))).isEqualTo(3_141_000L);
    }

    @Test
    void deepseek_cache_hit_and_miss() {
        NormalizedUsage usage = normalize(COMPATIBLE, "deepseek_chat_deepseek-v4-flash_cached_reasoning_tool.json");
        // prompt 563 = hit 512 + miss 51; completion 116 includes reasoning 60 -> output 56.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 51L,
                "cached_input_tokens", 512L, "output_tokens", 56L, "reasoning_tokens", 60L));
        // Served model deepseek-v4-flash, seeded from the LiteLLM import (pricing *FixturePricesTest): $0.14 in, $0.0028 cache hit,
        // $0.28 out. 51 x 0.14 = 7.14 + 512 x 0.0028 = 1.4336 + 56 x 0.28 = 15.68 + 60 x 0.28 = 16.8
        // -> 41.0536 micro-USD = 41,053.6 nano-USD, rounded half-even to 41,054 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "0.14", "cached_input_tokens", "0.0028",
                "output_tokens", "0.28"))).isEqualTo(41_054L);
    }

    @Test
    void groq_gpt_oss_120b_cached_and_reasoning() {
        NormalizedUsage usage = normalize(COMPATIBLE, "groq_chat_gpt-oss-120b_cached_reasoning.json");
        // prompt 336 includes cached 256 -> input 80; completion 96 includes reasoning 59 -> output 37 (total 432).
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 80L,
                "cached_input_tokens", 256L, "output_tokens", 37L, "reasoning_tokens", 59L));
        // seeded from the LiteLLM import (pricing *FixturePricesTest): groq/openai/gpt-oss-120b $0.15 in, $0.075 cached, $0.60 out.
        // 80 x 0.15 = 12 + 256 x 0.075 = 19.2 + 37 x 0.60 = 22.2 + 59 x 0.60 = 35.4 -> 88.8 micro-USD = 88,800 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "0.15", "cached_input_tokens", "0.075",
                "output_tokens", "0.6"))).isEqualTo(88_800L);
    }

    @Test
    void mistral_large_cached() {
        NormalizedUsage usage = normalize(COMPATIBLE, "mistral_chat_mistral-large_cached.json");
        // prompt 268 includes cached 224 -> input 44; completion 5.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 44L, "cached_input_tokens", 224L, "output_tokens", 5L));
        // prices.csv mistral-large-latest: $0.50 in, $1.50 out, and no cached price (nor in LiteLLM), so the call is
        // UNPRICED until the catalog gets one. Its uncached part: 44 x 0.50 = 22 + 5 x 1.50 = 7.5 -> 29.5 micro-USD.
        Map<String, BigDecimal> large = prices("input_tokens", "0.5", "output_tokens", "1.5");
        assertThatThrownBy(() -> cost(usage.usage(), large)).hasMessageContaining("cached_input_tokens");
        assertThat(cost(Map.of("input_tokens", 44L, "output_tokens", 5L), large)).isEqualTo(29_500L);
    }

    @Test
    void openrouter_reported_cost_is_kept_and_matches_list_price() {
        NormalizedUsage usage = normalize(COMPATIBLE, "openrouter_chat_claude-sonnet_with_cost.json");
        // prompt 176 (cached 0, cache_write 0), completion 34.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 176L, "output_tokens", 34L));
        assertThat(usage.reportedCost()).contains(new BigDecimal("0.001038"));
        // seeded from the LiteLLM import (pricing *FixturePricesTest): openrouter/anthropic/claude-sonnet-4.6 $3 in, $15 out.
        // 176 x 3 = 528 + 34 x 15 = 510 -> 1,038 micro-USD = 1,038,000 nano-USD = OpenRouter's own $0.001038.
        assertThat(cost(usage.usage(), prices("input_tokens", "3", "output_tokens", "15"))).isEqualTo(1_038_000L);
    }
}

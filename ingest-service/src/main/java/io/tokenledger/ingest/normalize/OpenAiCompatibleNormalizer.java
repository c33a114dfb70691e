package io.tokenledger.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI-compatible chat APIs (DeepSeek, Groq, Mistral, xAI, OpenRouter): the Chat Completions rules, plus
 * <ul>
 *   <li>DeepSeek: {@code prompt_cache_hit_tokens} are the cache reads and, with {@code prompt_cache_miss_tokens},
 *       must add up to {@code prompt_tokens};</li>
 *   <li>xAI: reasoning tokens are reported BESIDE completion tokens; this is recognised when
 *       {@code total_tokens = prompt_tokens + completion_tokens + reasoning_tokens}, and then reasoning is not
 *       subtracted from the completion;</li>
 *   <li>OpenRouter: {@code cost} (USD) is the gateway's billed cost, kept for reconciliation.</li>
 * </ul>
 */
class OpenAiCompatibleNormalizer extends OpenAiChatNormalizer {

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long prompt = block.count("prompt_tokens");
        long cached = block.count("prompt_tokens_details.cached_tokens");
        if (block.has("prompt_cache_hit_tokens")) {
            long hit = block.count("prompt_cache_hit_tokens");
            long miss = block.count("prompt_cache_miss_tokens");
            block.checkPart(hit, "prompt_cache_hit_tokens", prompt, "prompt_tokens");
            if (block.has("prompt_cache_miss_tokens") && hit + miss != prompt) {
                block.violation("prompt_cache_miss_tokens", "prompt_cache_hit_tokens + prompt_cache_miss_tokens must equal"
                        + " prompt_tokens (" + hit + " + " + miss + " != " + prompt + ")");
            }
            if (block.has("prompt_tokens_details.cached_tokens") && cached != hit) {
                block.violation("prompt_tokens_details.cached_tokens",
                        "must equal prompt_cache_hit_tokens (" + cached + " != " + hit + ")");
            }
            cached = hit;
        }
        long completion = block.count("completion_tokens");
        long reasoning = block.count("completion_tokens_details.reasoning_tokens");
        long total = block.count("total_tokens");
        boolean reasoningOutside = reasoning > 0 && block.has("total_tokens")
                && total == prompt + completion + reasoning;
        return normalize(block, cached, reasoningOutside);
    }

    @Override
    public Optional<BigDecimal> reportedCost(UsageBlock block) {
        JsonNode cost = block.node("cost");
        if (cost.isMissingNode() || cost.isNull()) {
            return Optional.empty();
        }
        if (!cost.isNumber() || cost.decimalValue().signum() < 0) {
            block.violation("cost", "must be a number >= 0");
            return Optional.empty();
        }
        return Optional.of(cost.decimalValue());
    }
}

package io.tokenledger.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Chat Completions (also a Batch API output line, and the last chunk of a stream with
 * {@code stream_options.include_usage}): {@code prompt_tokens} with {@code prompt_tokens_details} and
 * {@code completion_tokens} with {@code completion_tokens_details}, split by {@link OpenAiTokenSplit}
 * (details are subsets of their totals; prompt image tokens stay in input).
 */
class OpenAiChatNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("usage", "response.body.usage"), "prompt_tokens");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        return normalize(block, block.count("prompt_tokens_details.cached_tokens"), false);
    }

    /**
     * The chat rules with the cache read count given by the caller (DeepSeek reports it elsewhere) and,
     * when {@code reasoningOutsideCompletion}, reasoning tokens counted beside completion tokens (xAI).
     */
    static Map<String, Long> normalize(UsageBlock block, long cached, boolean reasoningOutsideCompletion) {
        return OpenAiTokenSplit.split(block, OpenAiTokenSplit.CHAT, cached, reasoningOutsideCompletion).build();
    }
}

package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_5M;
import static io.tokenledger.ingest.normalize.Canonical.INPUT;
import static io.tokenledger.ingest.normalize.Canonical.INPUT_AUDIO;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT_AUDIO;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT_IMAGE;
import static io.tokenledger.ingest.normalize.Canonical.REASONING;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Chat Completions (also a Batch API output line, and the last chunk of a stream with
 * {@code stream_options.include_usage}). {@code prompt_tokens} INCLUDE {@code prompt_tokens_details.cached_tokens},
 * {@code cache_write_tokens} and {@code audio_tokens}; {@code completion_tokens} INCLUDE
 * {@code completion_tokens_details.reasoning_tokens}, {@code audio_tokens} and {@code image_tokens}. So:
 * input = prompt - cached - cache writes - audio; output = completion - reasoning - audio - image.
 * Image tokens in the prompt stay in {@code input}: chat models bill them at the text input rate.
 * Cache writes (OpenRouter, newer OpenAI models) carry no lifetime and are counted as 5-minute writes.
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
        long prompt = block.count("prompt_tokens");
        long cacheWrite = block.count("prompt_tokens_details.cache_write_tokens");
        long audioIn = block.count("prompt_tokens_details.audio_tokens");
        block.checkPart(cached, "prompt_tokens_details.cached_tokens", prompt, "prompt_tokens");
        block.checkPart(cacheWrite, "prompt_tokens_details.cache_write_tokens", prompt, "prompt_tokens");
        block.checkPart(audioIn, "prompt_tokens_details.audio_tokens", prompt, "prompt_tokens");
        long input = prompt - cached - cacheWrite - audioIn;
        if (input < 0 && cached <= prompt && cacheWrite <= prompt && audioIn <= prompt) {
            block.violation("prompt_tokens", "must be at least cached_tokens + cache_write_tokens + audio_tokens ("
                    + prompt + " < " + (cached + cacheWrite + audioIn) + ")");
        }

        long completion = block.count("completion_tokens");
        long reasoning = block.count("completion_tokens_details.reasoning_tokens");
        long audioOut = block.count("completion_tokens_details.audio_tokens");
        long imageOut = block.count("completion_tokens_details.image_tokens");
        long inCompletion = reasoningOutsideCompletion ? 0 : reasoning;
        block.checkPart(inCompletion, "completion_tokens_details.reasoning_tokens", completion, "completion_tokens");
        block.checkPart(audioOut, "completion_tokens_details.audio_tokens", completion, "completion_tokens");
        block.checkPart(imageOut, "completion_tokens_details.image_tokens", completion, "completion_tokens");
        long output = completion - inCompletion - audioOut - imageOut;
        if (output < 0 && inCompletion <= completion && audioOut <= completion && imageOut <= completion) {
            block.violation("completion_tokens", "must be at least reasoning_tokens + audio_tokens + image_tokens ("
                    + completion + " < " + (inCompletion + audioOut + imageOut) + ")");
        }
        return new Canonical()
                .put(INPUT, Math.max(0, input)).put(CACHED_INPUT, cached).put(CACHE_WRITE_5M, cacheWrite)
                .put(INPUT_AUDIO, audioIn)
                .put(OUTPUT, Math.max(0, output)).put(REASONING, reasoning).put(OUTPUT_AUDIO, audioOut)
                .put(OUTPUT_IMAGE, imageOut)
                .build();
    }
}

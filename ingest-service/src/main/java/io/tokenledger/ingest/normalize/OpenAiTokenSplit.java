package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_5M;
import static io.tokenledger.ingest.normalize.Canonical.INPUT;
import static io.tokenledger.ingest.normalize.Canonical.INPUT_AUDIO;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT_AUDIO;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT_IMAGE;
import static io.tokenledger.ingest.normalize.Canonical.REASONING;

/**
 * OpenAI's rule for a usage block, the same in Chat Completions and Responses under other field names: every detail
 * is a SUBSET of its total. The prompt total includes {@code cached_tokens}, {@code cache_write_tokens},
 * {@code audio_tokens} and {@code image_tokens}; the completion total includes {@code reasoning_tokens},
 * {@code audio_tokens} and {@code image_tokens}. So, each token once:
 * input = prompt - cached - cache writes - audio; output = completion - reasoning - audio - image.
 * Image tokens of the prompt stay in input: chat models bill them at the text input rate. Cache writes carry no
 * lifetime and are counted as 5-minute writes. Every part above its total, and a total below the sum of the parts
 * taken out of it, is a violation naming the field.
 */
final class OpenAiTokenSplit {

    /** Where a usage block keeps its totals and their details. */
    record Fields(String prompt, String promptDetails, String completion, String completionDetails) {
    }

    static final Fields CHAT = new Fields("prompt_tokens", "prompt_tokens_details", "completion_tokens",
            "completion_tokens_details");
    static final Fields RESPONSES = new Fields("input_tokens", "input_tokens_details", "output_tokens",
            "output_tokens_details");

    private OpenAiTokenSplit() {
    }

    /**
     * The disjoint classes, with the cache read count given by the caller (DeepSeek reports it elsewhere) and, when
     * {@code reasoningOutsideCompletion}, reasoning counted beside the completion rather than inside it (xAI).
     */
    static Canonical split(UsageBlock block, Fields fields, long cached, boolean reasoningOutsideCompletion) {
        String in = fields.promptDetails() + ".";
        long prompt = block.count(fields.prompt());
        long cacheWrite = block.count(in + "cache_write_tokens");
        long audioIn = block.count(in + "audio_tokens");
        block.checkPart(cached, in + "cached_tokens", prompt, fields.prompt());
        block.checkPart(cacheWrite, in + "cache_write_tokens", prompt, fields.prompt());
        block.checkPart(audioIn, in + "audio_tokens", prompt, fields.prompt());
        block.checkPart(block.count(in + "image_tokens"), in + "image_tokens", prompt, fields.prompt());
        long input = prompt - cached - cacheWrite - audioIn;
        if (input < 0 && cached <= prompt && cacheWrite <= prompt && audioIn <= prompt) {
            block.violation(fields.prompt(), "must be at least cached_tokens + cache_write_tokens + audio_tokens ("
                    + prompt + " < " + (cached + cacheWrite + audioIn) + ")");
        }

        String out = fields.completionDetails() + ".";
        long completion = block.count(fields.completion());
        long reasoning = block.count(out + "reasoning_tokens");
        long audioOut = block.count(out + "audio_tokens");
        long imageOut = block.count(out + "image_tokens");
        long inCompletion = reasoningOutsideCompletion ? 0 : reasoning;
        block.checkPart(inCompletion, out + "reasoning_tokens", completion, fields.completion());
        block.checkPart(audioOut, out + "audio_tokens", completion, fields.completion());
        block.checkPart(imageOut, out + "image_tokens", completion, fields.completion());
        long output = completion - inCompletion - audioOut - imageOut;
        if (output < 0 && inCompletion <= completion && audioOut <= completion && imageOut <= completion) {
            block.violation(fields.completion(), "must be at least reasoning_tokens + audio_tokens + image_tokens ("
                    + completion + " < " + (inCompletion + audioOut + imageOut) + ")");
        }
        return new Canonical()
                .put(INPUT, Math.max(0, input)).put(CACHED_INPUT, cached).put(CACHE_WRITE_5M, cacheWrite)
                .put(INPUT_AUDIO, audioIn)
                .put(OUTPUT, Math.max(0, output)).put(REASONING, reasoning).put(OUTPUT_AUDIO, audioOut)
                .put(OUTPUT_IMAGE, imageOut);
    }
}

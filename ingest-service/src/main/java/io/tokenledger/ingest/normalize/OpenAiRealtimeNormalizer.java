package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
import static io.tokenledger.ingest.normalize.Canonical.INPUT;
import static io.tokenledger.ingest.normalize.Canonical.INPUT_AUDIO;
import static io.tokenledger.ingest.normalize.Canonical.INPUT_IMAGE;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT_AUDIO;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Realtime {@code response.done} event ({@code response.usage}). {@code input_tokens} are split by
 * {@code input_token_details} into text, audio and image tokens, of which {@code cached_tokens} were cache reads,
 * split the same way by {@code cached_tokens_details} (all text when that split is absent). Cache reads of every
 * modality go to {@code cached_input} (one cached price per model); the uncached rest of each modality to its own
 * class. {@code output_tokens} are split into text and audio by {@code output_token_details}.
 */
class OpenAiRealtimeNormalizer implements UsageNormalizer {

    private static final String IN = "input_token_details.";
    private static final String CACHED = IN + "cached_tokens_details.";

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("response.usage", "usage"), "input_tokens");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long input = block.count("input_tokens");
        long audio = block.count(IN + "audio_tokens");
        long image = block.count(IN + "image_tokens");
        long cached = block.count(IN + "cached_tokens");
        long cachedAudio = block.count(CACHED + "audio_tokens");
        long cachedImage = block.count(CACHED + "image_tokens");
        long cachedText = block.has(CACHED + "text_tokens") ? block.count(CACHED + "text_tokens")
                : cached - cachedAudio - cachedImage;
        block.checkPart(cached, IN + "cached_tokens", input, "input_tokens");
        block.checkPart(audio + image, IN + "audio_tokens", input, "input_tokens");
        block.checkPart(cachedAudio, CACHED + "audio_tokens", audio, IN + "audio_tokens");
        block.checkPart(cachedImage, CACHED + "image_tokens", image, IN + "image_tokens");
        if (cachedText < 0 || cachedText + cachedAudio + cachedImage != cached) {
            block.violation(CACHED.substring(0, CACHED.length() - 1), "must add up to cached_tokens (" + cached + ")");
        }
        long text = input - audio - image;
        if (block.has(IN + "text_tokens") && block.count(IN + "text_tokens") != text) {
            block.violation(IN + "text_tokens", "text_tokens + audio_tokens + image_tokens must equal input_tokens");
        }
        block.checkPart(cachedText, CACHED + "text_tokens", Math.max(0, text), IN + "text_tokens");

        long output = block.count("output_tokens");
        long audioOut = block.count("output_token_details.audio_tokens");
        block.checkPart(audioOut, "output_token_details.audio_tokens", output, "output_tokens");
        if (block.has("output_token_details.text_tokens")
                && block.count("output_token_details.text_tokens") + audioOut != output) {
            block.violation("output_token_details.text_tokens", "text_tokens + audio_tokens must equal output_tokens");
        }
        return new Canonical()
                .put(INPUT, Math.max(0, text - cachedText)).put(CACHED_INPUT, cached)
                .put(INPUT_AUDIO, Math.max(0, audio - cachedAudio)).put(INPUT_IMAGE, Math.max(0, image - cachedImage))
                .put(OUTPUT, Math.max(0, output - audioOut)).put(OUTPUT_AUDIO, audioOut)
                .build();
    }
}

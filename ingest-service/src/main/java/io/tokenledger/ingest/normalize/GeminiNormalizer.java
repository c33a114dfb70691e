package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
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
 * Gemini {@code usageMetadata} (Gemini API and Vertex AI; a stream repeats it in every chunk and the last one
 * is final). {@code cachedContentTokenCount} is PART of {@code promptTokenCount}; {@code candidatesTokenCount}
 * EXCLUDES {@code thoughtsTokenCount} (billed as reasoning); {@code toolUsePromptTokenCount} is outside the prompt
 * count and billed as input. Gemini prices audio input apart and bills text, image, video and document input at
 * the input rate, so the uncached AUDIO part of {@code promptTokensDetails} (minus the AUDIO part of
 * {@code cacheTokensDetails}) is {@code input_audio} and the rest of the uncached prompt is {@code input}.
 * IMAGE and AUDIO parts of {@code candidatesTokensDetails} are output image and audio.
 */
class GeminiNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        JsonNode last = document.isArray() && document.size() > 0 ? document.get(document.size() - 1) : document;
        return UsageNormalizer.firstObject(last, List.of("usageMetadata", "response.usageMetadata"),
                "promptTokenCount");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long prompt = block.count("promptTokenCount");
        long cached = block.count("cachedContentTokenCount");
        block.checkPart(cached, "cachedContentTokenCount", prompt, "promptTokenCount");
        long audio = modality(block, "promptTokensDetails", "AUDIO", prompt, "promptTokenCount");
        long cachedAudio = modality(block, "cacheTokensDetails", "AUDIO", cached, "cachedContentTokenCount");
        block.checkPart(cachedAudio, "cacheTokensDetails", audio, "the AUDIO part of promptTokensDetails");
        long audioIn = Math.max(0, audio - cachedAudio);

        long candidates = block.count("candidatesTokenCount");
        long imageOut = modality(block, "candidatesTokensDetails", "IMAGE", candidates, "candidatesTokenCount");
        long audioOut = modality(block, "candidatesTokensDetails", "AUDIO", candidates, "candidatesTokenCount");
        return new Canonical()
                .put(INPUT, Math.max(0, prompt - cached - audioIn) + block.count("toolUsePromptTokenCount"))
                .put(CACHED_INPUT, cached).put(INPUT_AUDIO, audioIn)
                .put(OUTPUT, Math.max(0, candidates - imageOut - audioOut)).put(OUTPUT_IMAGE, imageOut)
                .put(OUTPUT_AUDIO, audioOut)
                .put(REASONING, block.count("thoughtsTokenCount"))
                .build();
    }

    /** The count of one modality in a per-modality list, after checking the whole list fits in its total. */
    private static long modality(UsageBlock block, String list, String modality, long total, String totalField) {
        JsonNode entries = block.node(list);
        long sum = 0;
        long found = 0;
        for (int i = 0; i < entries.size(); i++) {
            long count = block.count(list + "[" + i + "].tokenCount");
            sum += count;
            if (modality.equals(entries.get(i).path("modality").asText())) {
                found += count;
            }
        }
        block.checkPart(sum, list, total, totalField);
        return found;
    }
}

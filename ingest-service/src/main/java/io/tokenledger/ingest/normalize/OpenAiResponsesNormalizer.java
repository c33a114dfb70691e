package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.WEB_SEARCH_QUERIES;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Responses (also a Batch API output line, and a stream's {@code response.completed} event):
 * {@code input_tokens} with {@code input_tokens_details} and {@code output_tokens} with {@code output_tokens_details},
 * split by the Chat Completions rule ({@link OpenAiTokenSplit}): {@code cached_tokens}, {@code cache_write_tokens}
 * and {@code audio_tokens} are taken out of input ({@code image_tokens} stay in it), {@code reasoning_tokens},
 * {@code audio_tokens} and {@code image_tokens} out of output. OpenAI's Responses usage reports only cached and
 * reasoning tokens today; the audio and image fields are read when a gateway or a newer model reports them, so that
 * they are billed at their own rates instead of as text. When the whole response is given, each
 * {@code web_search_call} output item is one billed web search query.
 */
class OpenAiResponsesNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("usage", "response.usage", "response.body.usage"),
                "input_tokens");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        return OpenAiTokenSplit.split(block, OpenAiTokenSplit.RESPONSES,
                        block.count("input_tokens_details.cached_tokens"), false)
                .put(WEB_SEARCH_QUERIES, webSearchCalls(document))
                .build();
    }

    private static long webSearchCalls(JsonNode document) {
        JsonNode items = document.path("output").isArray() ? document.path("output")
                : document.path("response").path("output").isArray() ? document.path("response").path("output")
                : document.path("response").path("body").path("output");
        long calls = 0;
        for (JsonNode item : items) {
            if ("web_search_call".equals(item.path("type").asText())) {
                calls++;
            }
        }
        return calls;
    }
}

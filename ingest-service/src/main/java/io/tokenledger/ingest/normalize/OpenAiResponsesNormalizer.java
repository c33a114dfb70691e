package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_5M;
import static io.tokenledger.ingest.normalize.Canonical.INPUT;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT;
import static io.tokenledger.ingest.normalize.Canonical.REASONING;
import static io.tokenledger.ingest.normalize.Canonical.WEB_SEARCH_QUERIES;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Responses (also a Batch API output line, and a stream's {@code response.completed} event).
 * {@code input_tokens} INCLUDE {@code input_tokens_details.cached_tokens} (and {@code cache_write_tokens});
 * {@code output_tokens} INCLUDE {@code output_tokens_details.reasoning_tokens}. When the whole response is given,
 * each {@code web_search_call} output item is one billed web search query.
 */
class OpenAiResponsesNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("usage", "response.usage", "response.body.usage"),
                "input_tokens");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long input = block.count("input_tokens");
        long cached = block.count("input_tokens_details.cached_tokens");
        long cacheWrite = block.count("input_tokens_details.cache_write_tokens");
        block.checkPart(cached, "input_tokens_details.cached_tokens", input, "input_tokens");
        block.checkPart(cacheWrite, "input_tokens_details.cache_write_tokens", input, "input_tokens");
        if (cached <= input && cacheWrite <= input && cached + cacheWrite > input) {
            block.violation("input_tokens", "must be at least cached_tokens + cache_write_tokens");
        }
        long output = block.count("output_tokens");
        long reasoning = block.count("output_tokens_details.reasoning_tokens");
        block.checkPart(reasoning, "output_tokens_details.reasoning_tokens", output, "output_tokens");
        return new Canonical()
                .put(INPUT, Math.max(0, input - cached - cacheWrite)).put(CACHED_INPUT, cached)
                .put(CACHE_WRITE_5M, cacheWrite)
                .put(OUTPUT, Math.max(0, output - reasoning)).put(REASONING, reasoning)
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

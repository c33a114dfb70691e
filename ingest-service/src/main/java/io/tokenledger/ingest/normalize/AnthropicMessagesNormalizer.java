package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_1H;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_5M;
import static io.tokenledger.ingest.normalize.Canonical.INPUT;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT;
import static io.tokenledger.ingest.normalize.Canonical.WEB_SEARCH_QUERIES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages, also as returned by AWS Bedrock InvokeModel and Vertex AI. {@code input_tokens} EXCLUDE
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}: the three are disjoint. Cache writes
 * are split by {@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens}; writes
 * without that split (older responses) are 5-minute writes, the default lifetime. Thinking tokens are inside
 * {@code output_tokens} (there is no separate count) and are billed as output. Each
 * {@code server_tool_use.web_search_requests} is a billed web search query.
 * <p>A stream carries the usage in {@code message_start} (input and cache classes, provisional output) and
 * then cumulative totals in each {@code message_delta}; the final usage is the start usage overlaid field by
 * field with the later deltas, never their sum.
 */
class AnthropicMessagesNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("usage", "message.usage"), "input_tokens");
    }

    @Override
    public JsonNode finalStreamUsage(List<JsonNode> events) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        boolean found = false;
        for (JsonNode event : events) {
            JsonNode usage = locate(event);
            if (!usage.isObject()) {
                continue;
            }
            found = true;
            // A later event's cumulative value replaces the earlier one; nulls in a delta mean "unchanged".
            usage.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
        }
        return found ? merged : MissingNode.getInstance();
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long writes = block.count("cache_creation_input_tokens");
        long writes5m = block.count("cache_creation.ephemeral_5m_input_tokens");
        long writes1h = block.count("cache_creation.ephemeral_1h_input_tokens");
        if (block.has("cache_creation")) {
            block.checkPart(writes5m + writes1h, "cache_creation", writes, "cache_creation_input_tokens");
        }
        // Writes the split does not cover (none when it is complete) take the default 5-minute lifetime.
        long unsplit = Math.max(0, writes - writes5m - writes1h);
        return new Canonical()
                .put(INPUT, block.count("input_tokens"))
                .put(CACHED_INPUT, block.count("cache_read_input_tokens"))
                .put(CACHE_WRITE_5M, writes5m + unsplit).put(CACHE_WRITE_1H, writes1h)
                .put(OUTPUT, block.count("output_tokens"))
                .put(WEB_SEARCH_QUERIES, block.count("server_tool_use.web_search_requests"))
                .build();
    }
}

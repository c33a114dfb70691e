package io.tokenledger.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules of one provider API: where its usage is, and how it maps onto canonical classes. Pure. */
interface UsageNormalizer {

    /**
     * The usage object inside a JSON document that is the whole response body, an event of a stream, a batch
     * result line, or the usage object itself; a missing node when there is none.
     */
    JsonNode locate(JsonNode document);

    /**
     * The final usage of a streamed response, from its events in order. By default the usage of the last event
     * that carries one: providers repeat the running total, so chunks are never summed.
     */
    default JsonNode finalStreamUsage(List<JsonNode> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode usage = locate(events.get(i));
            if (usage.isObject()) {
                return usage;
            }
        }
        return MissingNode.getInstance();
    }

    /** Canonical classes of a usage object; records every broken invariant on {@code block}. */
    Map<String, Long> normalize(UsageBlock block, JsonNode document);

    /** The cost the provider or gateway reported inside the usage, if it reports one. */
    default Optional<BigDecimal> reportedCost(UsageBlock block) {
        return Optional.empty();
    }

    /** The first object among candidate paths of a document, or the document itself if it looks like usage. */
    static JsonNode firstObject(JsonNode document, List<String> paths, String usageMarker) {
        for (String path : paths) {
            JsonNode node = document;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            if (node.isObject()) {
                return node;
            }
        }
        return document.has(usageMarker) ? document
                : MissingNode.getInstance();
    }
}

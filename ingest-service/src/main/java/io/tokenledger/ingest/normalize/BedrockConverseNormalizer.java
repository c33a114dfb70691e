package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.CACHED_INPUT;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_1H;
import static io.tokenledger.ingest.normalize.Canonical.CACHE_WRITE_5M;
import static io.tokenledger.ingest.normalize.Canonical.INPUT;
import static io.tokenledger.ingest.normalize.Canonical.OUTPUT;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * AWS Bedrock Converse (and ConverseStream's {@code metadata} event). {@code inputTokens} EXCLUDE
 * {@code cacheReadInputTokens} and {@code cacheWriteInputTokens}. Cache writes are split by lifetime with
 * {@code cacheDetails} ({@code ttl} "5m" or "1h"); writes it does not cover are 5-minute writes, the default.
 * Some responses repeat the cache counts as {@code *TokenCount}; both spellings must then agree.
 */
class BedrockConverseNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("usage", "metadata.usage"), "inputTokens");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long reads = cacheCount(block, "cacheReadInputTokens", "cacheReadInputTokenCount");
        long writes = cacheCount(block, "cacheWriteInputTokens", "cacheWriteInputTokenCount");
        long writes5m = 0;
        long writes1h = 0;
        JsonNode details = block.node("cacheDetails");
        for (int i = 0; i < details.size(); i++) {
            long tokens = block.count("cacheDetails[" + i + "].inputTokens");
            String ttl = details.get(i).path("ttl").asText();
            if ("1h".equals(ttl)) {
                writes1h += tokens;
            } else if ("5m".equals(ttl)) {
                writes5m += tokens;
            } else {
                block.violation("cacheDetails[" + i + "].ttl", "must be \"5m\" or \"1h\"");
            }
        }
        block.checkPart(writes5m + writes1h, "cacheDetails", writes, "cacheWriteInputTokens");
        return new Canonical()
                .put(INPUT, block.count("inputTokens"))
                .put(CACHED_INPUT, reads)
                .put(CACHE_WRITE_5M, Math.max(0, writes - writes1h)).put(CACHE_WRITE_1H, Math.min(writes1h, writes))
                .put(OUTPUT, block.count("outputTokens"))
                .build();
    }

    private static long cacheCount(UsageBlock block, String field, String alias) {
        long value = block.count(field);
        if (block.has(alias)) {
            long other = block.count(alias);
            if (!block.has(field)) {
                return other;
            }
            if (other != value) {
                block.violation(alias, "must equal " + field + " (" + other + " != " + value + ")");
            }
        }
        return value;
    }
}

package io.tokenledger.ingest.normalize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds canonical usage: disjoint token classes keyed by the field names of
 * {@code tokenledger.common.v1.TokenUsage}, the shape the ingest domain carries. Classes left at zero are omitted.
 */
final class Canonical {

    static final String INPUT = "input_tokens";
    static final String CACHED_INPUT = "cached_input_tokens";
    static final String CACHE_WRITE_5M = "cache_write_5m_tokens";
    static final String CACHE_WRITE_1H = "cache_write_1h_tokens";
    static final String OUTPUT = "output_tokens";
    static final String REASONING = "reasoning_tokens";
    static final String INPUT_AUDIO = "input_audio_tokens";
    static final String OUTPUT_AUDIO = "output_audio_tokens";
    static final String INPUT_IMAGE = "input_image_tokens";
    static final String OUTPUT_IMAGE = "output_image_tokens";
    static final String EMBEDDING = "embedding_tokens";
    static final String WEB_SEARCH_QUERIES = "web_search_queries";

    private final Map<String, Long> counts = new LinkedHashMap<>();

    Canonical put(String field, long value) {
        if (value != 0) {
            counts.merge(field, value, Long::sum);
        }
        return this;
    }

    Map<String, Long> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}

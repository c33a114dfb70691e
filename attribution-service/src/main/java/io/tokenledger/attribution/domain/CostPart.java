package io.tokenledger.attribution.domain;

/** The parts of a cost, in the order of common.v1.CostBreakdown. */
public enum CostPart {
    INPUT("input_nanos"),
    CACHED_INPUT("cached_input_nanos"),
    CACHE_WRITE_5M("cache_write_5m_nanos"),
    CACHE_WRITE_1H("cache_write_1h_nanos"),
    OUTPUT("output_nanos"),
    REASONING("reasoning_nanos"),
    INPUT_AUDIO("input_audio_nanos"),
    OUTPUT_AUDIO("output_audio_nanos"),
    INPUT_IMAGE("input_image_nanos"),
    OUTPUT_IMAGE("output_image_nanos"),
    EMBEDDING("embedding_nanos"),
    TRAINING("training_nanos"),
    REQUEST("request_nanos"),
    WEB_SEARCH("web_search_nanos");

    private final String field;

    CostPart(String field) {
        this.field = field;
    }

    /** The API field name, which is also the ledger column. */
    public String field() {
        return field;
    }
}

package io.tokenledger.pricing.domain;

/**
 * The canonical, disjoint classes a usage is billed in, in the order of the API's CostBreakdown.
 * That order also breaks ties when leftover nanos of a breakdown are handed out.
 */
public enum TokenClass {
    INPUT("input"),
    CACHED_INPUT("cached_input"),
    CACHE_WRITE_5M("cache_write_5m"),
    CACHE_WRITE_1H("cache_write_1h"),
    OUTPUT("output"),
    REASONING("reasoning"),
    INPUT_AUDIO("input_audio"),
    OUTPUT_AUDIO("output_audio"),
    INPUT_IMAGE("input_image"),
    OUTPUT_IMAGE("output_image"),
    EMBEDDING("embedding"),
    TRAINING("training"),
    REQUEST("request"),
    WEB_SEARCH("web_search");

    /** Every class, shared so that hot loops do not copy {@code values()} each time. */
    static final TokenClass[] ALL = values();

    private final String label;

    TokenClass(String label) {
        this.label = label;
    }

    /** The class's name in the catalog file and in reasons, e.g. {@code cached_input}. */
    public String label() {
        return label;
    }
}

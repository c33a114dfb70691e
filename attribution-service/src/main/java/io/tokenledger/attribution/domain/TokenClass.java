package io.tokenledger.attribution.domain;

/**
 * The counted quantities of a usage, in the order of common.v1.TokenUsage. Each carries its
 * ledger column and whether it is a number of tokens (epochs, requests and searches are not).
 */
public enum TokenClass {
    INPUT("input_tokens", true),
    CACHED_INPUT("cached_input_tokens", true),
    CACHE_WRITE_5M("cache_write_5m_tokens", true),
    CACHE_WRITE_1H("cache_write_1h_tokens", true),
    OUTPUT("output_tokens", true),
    REASONING("reasoning_tokens", true),
    INPUT_AUDIO("input_audio_tokens", true),
    OUTPUT_AUDIO("output_audio_tokens", true),
    INPUT_IMAGE("input_image_tokens", true),
    OUTPUT_IMAGE("output_image_tokens", true),
    EMBEDDING("embedding_tokens", true),
    TRAINING("training_tokens", true),
    TRAINING_EPOCHS("training_epochs", false),
    REQUESTS("requests", false),
    WEB_SEARCH_QUERIES("web_search_queries", false);

    private final String field;
    private final boolean tokens;

    TokenClass(String field, boolean tokens) {
        this.field = field;
        this.tokens = tokens;
    }

    /** The API field name, which is also the ledger column. */
    public String field() {
        return field;
    }

    /** True for a number of tokens, false for epochs, requests and search queries. */
    public boolean isTokens() {
        return tokens;
    }

    /** The class name used as a metric tag, e.g. {@code cached_input}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

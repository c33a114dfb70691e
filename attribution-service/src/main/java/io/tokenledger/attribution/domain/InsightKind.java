package io.tokenledger.attribution.domain;

/** The kinds of savings GetInsights finds (the order breaks ties between equal savings). */
public enum InsightKind {
    CACHEABLE_PREFIX, CHEAPER_MODEL, BATCH_CANDIDATE, BLOATED_PROMPT, CACHE_WRITE_NO_PAYBACK
}

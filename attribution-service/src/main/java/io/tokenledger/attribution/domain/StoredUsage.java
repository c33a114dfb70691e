package io.tokenledger.attribution.domain;

import java.time.Instant;

/**
 * One ledger row as the savings analyses read it.
 *
 * @param background         whether the event carries the label {@code latency=background}
 * @param cacheWriteNanos    the row's cost of cache writes (5-minute and 1-hour)
 */
public record StoredUsage(String eventId, Instant occurredAt, ModelRef model, String feature, boolean priced,
                          boolean background, Amounts<TokenClass> tokens, long costNanos, long cacheWriteNanos,
                          String promptPrefixHash, long promptPrefixTokens) {

    /** Fresh input, cache reads and cache writes. */
    public long promptTokens() {
        return PromptPrefixRule.promptTokens(tokens);
    }
}

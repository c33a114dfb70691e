package io.tokenledger.cli.trace;

import java.time.Duration;

/**
 * One request of a trace: when it happened relative to the trace's first request, and its token counts.
 * {@code inputTokens} excludes {@code cachedInputTokens}; together they are the request's prompt.
 * {@code promptPrefixHash} names the prompt's leading part when the trace knows it (empty otherwise) and
 * {@code promptPrefixTokens} the prompt tokens it covers.
 */
public record TraceRow(int index, Duration offset, long inputTokens, long cachedInputTokens, long outputTokens,
                       String promptPrefixHash, long promptPrefixTokens) {

    public TraceRow {
        if (index < 0 || offset.isNegative() || inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0
                || promptPrefixTokens < 0 || promptPrefixTokens > inputTokens + cachedInputTokens) {
            throw new IllegalArgumentException("invalid trace row " + index);
        }
    }

    /** A row whose trace says nothing about the prompt's prefix. */
    public TraceRow(int index, Duration offset, long inputTokens, long cachedInputTokens, long outputTokens) {
        this(index, offset, inputTokens, cachedInputTokens, outputTokens, "", 0);
    }

    public long promptTokens() {
        return inputTokens + cachedInputTokens;
    }
}

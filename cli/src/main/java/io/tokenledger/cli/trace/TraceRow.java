package io.tokenledger.cli.trace;

import java.time.Duration;

/**
 * One request of a trace: when it happened relative to the trace's first request, and its token counts.
 * {@code inputTokens} excludes {@code cachedInputTokens}; together they are the request's prompt.
 */
public record TraceRow(int index, Duration offset, long inputTokens, long cachedInputTokens, long outputTokens) {

    public TraceRow {
        if (index < 0 || offset.isNegative() || inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("invalid trace row " + index);
        }
    }

    public long promptTokens() {
        return inputTokens + cachedInputTokens;
    }
}

package io.tokenledger.ingest.domain;

import java.time.Duration;
import java.time.Instant;

/** The limits a batch of usage events must respect (see the module README). */
public record IngestLimits(
        int maxEventsPerBatch,
        int maxEventIdLength,
        int maxTenantIdLength,
        int maxNameLength,
        Duration maxFutureSkew,
        Instant earliestOccurredTime,
        long maxUsageValue,
        int maxLabels,
        int maxLabelKeyLength,
        int maxLabelValueLength,
        int maxTraceIdLength) {

    /** The documented defaults. */
    public static IngestLimits defaults() {
        return new IngestLimits(1000, 128, 64, 128, Duration.ofMinutes(5),
                Instant.parse("2000-01-01T00:00:00Z"), 1_000_000_000_000L, 32, 64, 256, 256);
    }
}

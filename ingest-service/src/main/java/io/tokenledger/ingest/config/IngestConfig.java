package io.tokenledger.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tokenledger.ingest.domain.IngestLimits;
import java.time.Duration;
import java.time.Instant;

/** Everything ingest-service reads from configuration (prefix {@code tokenledger.ingest}); see README.md. */
@ConfigMapping(prefix = "tokenledger.ingest")
public interface IngestConfig {

    /** Limits of RecordUsage requests. */
    Limits limits();

    /** The pricing, attribution and budget calls. */
    Pipeline pipeline();

    /** The background drainer of the inbox. */
    Drainer drainer();

    /** How long the inbox keeps what it no longer needs. */
    InboxRetention inbox();

    interface Limits {
        /** Maximum events per RecordUsage call. */
        @WithDefault("1000")
        int maxEventsPerBatch();

        /** Maximum length of an event id (printable ASCII). */
        @WithDefault("128")
        int maxEventIdLength();

        /** Maximum length of a tenant id. */
        @WithDefault("64")
        int maxTenantIdLength();

        /** Maximum length of provider and model names. */
        @WithDefault("128")
        int maxNameLength();

        /** How far in the future occurred_time may be (clock skew). */
        @WithDefault("5m")
        Duration maxFutureSkew();

        /** occurred_time may not be earlier than this. */
        @WithDefault("2000-01-01T00:00:00Z")
        Instant earliestOccurredTime();

        /** Maximum value of every usage count. */
        @WithDefault("1000000000000")
        long maxUsageValue();

        /** Maximum labels per event. */
        @WithDefault("32")
        int maxLabels();

        /** Maximum length of a label key. */
        @WithDefault("64")
        int maxLabelKeyLength();

        /** Maximum length of a label value. */
        @WithDefault("256")
        int maxLabelValueLength();

        /** Maximum length of trace_id. */
        @WithDefault("256")
        int maxTraceIdLength();

        default IngestLimits toDomain() {
            return new IngestLimits(maxEventsPerBatch(), maxEventIdLength(), maxTenantIdLength(), maxNameLength(),
                    maxFutureSkew(), earliestOccurredTime(), maxUsageValue(), maxLabels(), maxLabelKeyLength(),
                    maxLabelValueLength(), maxTraceIdLength());
        }
    }

    interface Pipeline {
        /** The deadline of every downstream call. */
        @WithDefault("10s")
        Duration deadline();

        /**
         * How long a freshly accepted event is left to the request thread before the drainer may take it,
         * so that the two never work on the same event at once.
         */
        @WithDefault("30s")
        Duration lease();

        /**
         * How many events are recorded at once, over all requests (0: 1,000 per CPU, at least 2,000); a request
         * that would go beyond waits its turn (a larger batch than this runs alone). An event in progress holds
         * thousands of bytes for the whole pipeline, so more of them than the CPUs can work on add
         * garbage-collector work and memory, not throughput.
         */
        @WithDefault("0")
        int maxEventsInFlight();

        default int effectiveMaxEventsInFlight() {
            return maxEventsInFlight() > 0 ? maxEventsInFlight()
                    : 1_000 * Math.max(2, Runtime.getRuntime().availableProcessors());
        }
    }

    interface Drainer {
        /** How often the drainer runs (read by its {@code @Scheduled}). */
        @WithDefault("2s")
        String every();

        /** Whether the drainer runs at all. */
        @WithDefault("true")
        boolean enabled();

        /** Maximum events claimed per run. */
        @WithDefault("1000")
        int batchSize();

        /** The first retry delay; it doubles with every attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest retry delay. */
        @WithDefault("5m")
        Duration maxBackoff();
    }

    interface InboxRetention {
        /** How long a DONE batch keeps its events' payloads (keys and outcomes stay for ever). */
        @WithDefault("24h")
        Duration payloadRetention();

        /** How often payloads past the retention are dropped (read by its {@code @Scheduled}). */
        @WithDefault("10m")
        String compactEvery();

        /** Batches compacted per statement (one short transaction each). */
        @WithDefault("500")
        int compactBatches();
    }
}

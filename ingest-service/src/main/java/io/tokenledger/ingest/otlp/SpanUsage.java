package io.tokenledger.ingest.otlp;

import io.tokenledger.api.ingest.v1.UsageEvent;

/** What a GenAI span became: a usage event, or a rejection saying why. Spans without GenAI usage are skipped. */
sealed interface SpanUsage {

    /** How messages name the span: its id and name. */
    String span();

    record Event(String span, UsageEvent event) implements SpanUsage {
    }

    record Rejected(String span, String reason) implements SpanUsage {
    }
}

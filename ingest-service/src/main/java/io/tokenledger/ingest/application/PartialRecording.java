package io.tokenledger.ingest.application;

import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.EventResult;
import io.tokenledger.ingest.domain.EventValidation;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records events that each stand alone, for protocols with partial success (OTLP): an invalid event is set aside
 * with its violations instead of failing the others, and the valid ones go through {@link UsageRecording} (the
 * same validation, inbox, idempotency and pipeline as RecordUsage) in batches of at most the batch limit.
 */
@ApplicationScoped
public class PartialRecording {

    /** The answer for one event: its result when it was recorded, else why it was rejected. */
    public record Outcome(Optional<EventResult> result, List<FieldViolation> violations) {

        public boolean rejected() {
            return result.isEmpty();
        }
    }

    private final UsageRecording recording;
    private final EventValidation validation;
    private final Clock clock;
    private final int batchLimit;

    public PartialRecording(UsageRecording recording, IngestConfig config, Clock clock) {
        this.recording = recording;
        this.validation = new EventValidation(config.limits().toDomain());
        this.clock = clock;
        this.batchLimit = config.limits().maxEventsPerBatch();
    }

    /** One outcome per event, in order. Field paths of violations are relative to the event ({@code usage.x}). */
    public List<Outcome> record(List<UsageEvent> events) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<Integer> validIndexes = new ArrayList<>();
        List<UsageEvent> valid = new ArrayList<>();
        for (UsageEvent event : events) {
            List<FieldViolation> violations = violations(event);
            outcomes.add(violations.isEmpty() ? null : new Outcome(Optional.empty(), violations));
            if (violations.isEmpty()) {
                validIndexes.add(outcomes.size() - 1);
                valid.add(event);
            }
        }
        for (int from = 0; from < valid.size(); from += batchLimit) {
            int to = Math.min(valid.size(), from + batchLimit);
            List<EventResult> results = recording.record(valid.subList(from, to));
            for (int i = from; i < to; i++) {
                outcomes.set(validIndexes.get(i), new Outcome(Optional.of(results.get(i - from)), List.of()));
            }
        }
        return outcomes;
    }

    private List<FieldViolation> violations(UsageEvent event) {
        try {
            validation.validate(List.of(event), clock.instant());
            return List.of();
        } catch (TokenLedgerException.Invalid e) {
            return e.violations().stream()
                    .map(v -> new FieldViolation(v.field().replaceFirst("^events\\[0]\\.?", ""), v.description()))
                    .toList();
        }
    }
}

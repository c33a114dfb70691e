package io.tokenledger.ingest.application;

import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.EventResult;
import io.tokenledger.ingest.domain.EventValidation;
import io.tokenledger.ingest.domain.InboxBatch;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records a batch of usage events: validate all, accept the new ones durably, complete them through the
 * pipeline, and answer per event RECORDED, DUPLICATE or QUEUED. Concurrent requests are recorded together
 * ({@link BatchCoalescer}): runs of up to {@code limits.max-events-per-batch} events, at most
 * {@code pipeline.max-events-in-flight} events at once; a request beyond that waits, first come first served.
 */
@ApplicationScoped
public class UsageRecording {

    private final EventValidation validation;
    private final Inbox inbox;
    private final EventPipeline pipeline;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final IngestConfig config;
    private final BatchCoalescer<UsageEvent, EventResult> runs;

    public UsageRecording(IngestConfig config, Inbox inbox, EventPipeline pipeline, IngestMetrics metrics,
            Clock clock) {
        this.validation = new EventValidation(config.limits().toDomain());
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.clock = clock;
        this.config = config;
        int perRun = Math.min(config.limits().maxEventsPerBatch(), config.pipeline().effectiveMaxEventsInFlight());
        this.runs = new BatchCoalescer<>(perRun, Math.max(1, config.pipeline().effectiveMaxEventsInFlight() / perRun),
                this::recordInTurn);
    }

    public List<EventResult> record(List<UsageEvent> events) {
        // A bad batch is rejected at once, without waiting for a turn.
        validation.validate(events, clock.instant());
        return runs.submit(events);
    }

    /** Records the events of one run (one request, or several taken together): one result per event, in order. */
    private List<EventResult> recordInTurn(List<UsageEvent> events) {
        // An event repeated inside the run is stored once; its later copies (in this request or a later one of the
        // run) are duplicates, as they would be in a later run.
        InboxBatch batch = inbox.accept(events, config.pipeline().lease());
        Set<EventKey> inserted = new HashSet<>();
        batch.events().forEach(e -> inserted.add(e.key()));
        Map<EventKey, Outcome> completed = pipeline.complete(batch);
        List<EventKey> seenBefore = new ArrayList<>();
        Set<EventKey> answered = new HashSet<>();
        for (UsageEvent event : events) {
            if (!inserted.contains(event.key()) || !answered.add(event.key())) {
                seenBefore.add(event.key());
            }
        }
        // Looked up after the pipeline, so that a repeat inside this batch reports the cost just computed.
        Map<EventKey, Optional<Outcome>> stored = seenBefore.isEmpty() ? Map.of() : inbox.outcomes(seenBefore);

        List<EventResult> results = new ArrayList<>(events.size());
        answered.clear();
        for (UsageEvent event : events) {
            EventKey key = event.key();
            EventResult result;
            if (inserted.contains(key) && answered.add(key)) {
                Outcome outcome = completed.get(key);
                result = outcome == null ? EventResult.queued(event.eventId()) : EventResult.recorded(event.eventId(), outcome);
            } else {
                result = EventResult.duplicate(event.eventId(), stored.getOrDefault(key, Optional.empty()));
            }
            results.add(result);
        }
        metrics.count(results);
        return results;
    }
}

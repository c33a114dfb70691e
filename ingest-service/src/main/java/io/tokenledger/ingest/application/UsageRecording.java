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
 * pipeline, and answer per event RECORDED, DUPLICATE or QUEUED. At most {@code pipeline.max-events-in-flight}
 * events are recorded at once; a request beyond that waits, first come first served.
 */
@ApplicationScoped
public class UsageRecording {

    private final EventValidation validation;
    private final Inbox inbox;
    private final EventPipeline pipeline;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final IngestConfig config;
    private final InFlightLimit inFlight;

    public UsageRecording(IngestConfig config, Inbox inbox, EventPipeline pipeline, IngestMetrics metrics,
            Clock clock) {
        this.validation = new EventValidation(config.limits().toDomain());
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.clock = clock;
        this.config = config;
        this.inFlight = new InFlightLimit(config.pipeline().effectiveMaxEventsInFlight());
    }

    public List<EventResult> record(List<UsageEvent> events) {
        // A bad batch is rejected at once, without waiting for a turn.
        validation.validate(events, clock.instant());
        return inFlight.run(events.size(), () -> recordInTurn(events));
    }

    private List<EventResult> recordInTurn(List<UsageEvent> events) {
        // An event repeated inside the batch is stored once; its later copies are duplicates.
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

package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Completes accepted events: price, record in the ledger, charge budgets, mark DONE. Every hop is
 * idempotent on event id, so re-running an event that failed half-way is safe; an event is DONE only
 * after all three succeeded.
 */
@ApplicationScoped
public class EventPipeline {

    private static final Logger LOG = Logger.getLogger(EventPipeline.class);

    private final Downstream downstream;
    private final Inbox inbox;
    // Field-injected so that the shared constructor stays as it is.
    @jakarta.inject.Inject
    CorrectionPipeline corrections;

    public EventPipeline(Downstream downstream, Inbox inbox) {
        this.downstream = downstream;
        this.inbox = inbox;
    }

    /**
     * Runs the events through the pipeline.
     *
     * @return the outcome of every event, or an empty map when a downstream call failed (the events then
     *         stay PENDING and the drainer retries them)
     */
    public Map<EventKey, Outcome> complete(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Map.of();
        }
        if (events.stream().anyMatch(e -> e.correction().isCorrection())) {
            return completeWithCorrections(events);
        }
        try {
            List<PricedEvent> priced = downstream.price(events);
            List<Map<String, String>> dimensions = downstream.record(events, priced);
            List<SpendCharge> charges = new ArrayList<>(events.size());
            Map<EventKey, Outcome> outcomes = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                charges.add(SpendCharge.of(events.get(i), priced.get(i), dimensions.get(i)));
                outcomes.put(events.get(i).key(), priced.get(i).outcome());
            }
            downstream.charge(charges);
            inbox.complete(outcomes);
            return outcomes;
        } catch (DownstreamFailure e) {
            if (e.isTransient()) {
                LOG.warnf("%d events left for retry: %s", events.size(), e.getMessage());
            } else {
                LOG.errorf(e, "%d events left for retry after a non-transient failure", events.size());
            }
            noteFailure(events, e.getMessage());
            return Map.of();
        } catch (RuntimeException e) {
            // The events are durably accepted already: a failure here must not lose them, only delay them.
            LOG.errorf(e, "%d events left for retry after an unexpected failure", events.size());
            noteFailure(events, e.toString());
            return Map.of();
        }
    }

    /** Ordinary events first, so that a correction may follow its target in the same batch. */
    private Map<EventKey, Outcome> completeWithCorrections(List<UsageEvent> events) {
        List<UsageEvent> ordinary = events.stream().filter(e -> !e.correction().isCorrection()).toList();
        List<UsageEvent> correcting = events.stream().filter(e -> e.correction().isCorrection()).toList();
        Map<EventKey, Outcome> outcomes = new LinkedHashMap<>(complete(ordinary));
        if (outcomes.size() < ordinary.size()) {
            noteFailure(correcting, "waiting for the events accepted with it");
            return outcomes;
        }
        outcomes.putAll(corrections.complete(correcting));
        return outcomes;
    }

    private void noteFailure(List<UsageEvent> events, String error) {
        try {
            inbox.failed(events.stream().map(UsageEvent::key).toList(), error);
        } catch (RuntimeException e) {
            LOG.warnf("could not note the failure of %d events: %s", events.size(), e.toString());
        }
    }
}

package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.InboxBatch;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Completes accepted events: price, record in the ledger, charge budgets, store the outcome in the inbox. Every hop
 * is idempotent on event id, so re-running an event that failed half-way is safe; an event is completed only after
 * all three succeeded.
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
     * Runs the batch's pending events through the pipeline and stores their outcomes in the inbox.
     *
     * @return the outcome of every event completed now; an event without one stays PENDING and the drainer retries it
     */
    public Map<EventKey, Outcome> complete(InboxBatch batch) {
        List<UsageEvent> events = batch.pending();
        if (events.isEmpty()) {
            return Map.of();
        }
        // Ordinary events first, so that a correction may follow its target in the same batch.
        List<UsageEvent> ordinary = events.stream().filter(e -> !e.correction().isCorrection()).toList();
        List<UsageEvent> correcting = events.stream().filter(e -> e.correction().isCorrection()).toList();
        SplitBudget splits = new SplitBudget();
        Completion ordinaryDone = ordinary.isEmpty() ? new Completion(Map.of(), null) : runOrdinary(ordinary, splits);
        Completion done = ordinaryDone;
        // When no ordinary event went through (an outage, most likely), the corrections wait for the next attempt.
        if (!correcting.isEmpty() && (done.error() == null || !done.outcomes().isEmpty())) {
            if (!done.outcomes().isEmpty() && !settle(batch, done)) {
                return Map.of();
            }
            // A correction of an event of this batch still pending waits for it; the others go on.
            Set<EventKey> pending = new HashSet<>();
            ordinary.stream().filter(e -> !ordinaryDone.outcomes().containsKey(e.key())).forEach(e -> pending.add(e.key()));
            List<UsageEvent> ready = correcting.stream().filter(c -> !pending.contains(c.targetKey())).toList();
            if (!ready.isEmpty()) {
                done = done.and(corrections.complete(ready, splits));
            }
        }
        return settle(batch, done) ? done.outcomes() : Map.of();
    }

    /** Stores the outcomes; false when the inbox could not (the events then stay PENDING). */
    private boolean settle(InboxBatch batch, Completion completion) {
        try {
            inbox.settle(batch, completion.outcomes(), completion.error());
            return true;
        } catch (RuntimeException e) {
            // Downstream has them, the inbox does not know yet: the drainer runs them again, every hop idempotent.
            LOG.warnf("could not store the outcomes of %d events, left for retry: %s", batch.events().size(),
                    e.toString());
            return false;
        }
    }

    private Completion runOrdinary(List<UsageEvent> events, SplitBudget splits) {
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
            return new Completion(outcomes, null);
        } catch (RuntimeException e) {
            String why = e instanceof DownstreamFailure ? e.getMessage() : e.toString();
            if (events.size() > 1 && DownstreamFailure.mayBeTheEvents(e) && splits.take()) {
                return inHalves(events, why, splits);
            }
            if (e instanceof DownstreamFailure failure && failure.isTransient()) {
                LOG.warnf("%d events left for retry: %s", events.size(), why);
            } else {
                // The events are durably accepted already: a failure here must not lose them, only delay them.
                LOG.errorf(e, "%d events left for retry after a non-transient failure", events.size());
            }
            return Completion.failed(why);
        }
    }

    /**
     * A downstream service refused the events (not an outage: it answered). Some of them may be the cause (a cost
     * that overflows a sum, a bug an event triggers): retried in halves, in order, so that the others complete and only
     * the events that fail alone stay PENDING. At most 2 log2(n) extra calls per failing event and {@link SplitBudget}
     * splits per attempt; none in an outage, where every half would fail alike.
     */
    private Completion inHalves(List<UsageEvent> events, String failure, SplitBudget splits) {
        LOG.warnf("%d events failed together, retried in halves: %s", events.size(), failure);
        int half = events.size() / 2;
        return runOrdinary(events.subList(0, half), splits).and(runOrdinary(events.subList(half, events.size()), splits));
    }
}

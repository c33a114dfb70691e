package io.tokenledger.ingest.domain;

import java.util.List;
import java.util.Map;

/**
 * Events stored in the inbox together (those of one request that were new), in order, with the outcome of each one
 * completed already.
 *
 * @param id   the batch's id in the inbox; 0 for an empty batch, which is not stored
 * @param done the outcomes stored so far, by event
 */
public record InboxBatch(long id, List<UsageEvent> events, Map<EventKey, Outcome> done) {

    public static final InboxBatch EMPTY = new InboxBatch(0, List.of(), Map.of());

    public InboxBatch {
        events = List.copyOf(events);
        done = Map.copyOf(done);
    }

    /** The events still to complete, in order. */
    public List<UsageEvent> pending() {
        return done.isEmpty() ? events : events.stream().filter(e -> !done.containsKey(e.key())).toList();
    }
}

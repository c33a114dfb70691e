package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.InboxBatch;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.UsageEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The durable inbox of accepted events (port; implemented in persistence). */
public interface Inbox {

    /**
     * Stores the events that are new as one batch, in one transaction, leased to the caller for {@code lease}. An event
     * repeated in the list is stored once, its first copy.
     *
     * @return the batch of the events stored now ({@link InboxBatch#EMPTY} when all were there already)
     */
    InboxBatch accept(List<UsageEvent> events, Duration lease);

    /** The stored outcome of each given event, present when it is completed. */
    Map<EventKey, Optional<Outcome>> outcomes(Collection<EventKey> keys);

    /**
     * Stores the outcomes of the batch's events completed now, in one statement, keeping any outcome stored before
     * (another worker may have held the batch too); the batch is DONE when each of its events has one. The others stay
     * PENDING for the drainer, with {@code error} saying why.
     */
    void settle(InboxBatch batch, Map<EventKey, Outcome> outcomes, String error);

    /**
     * Claims due PENDING batches, oldest first, until they hold {@code limit} events (at least one batch), skipping those
     * other drainers hold, and pushes their next attempt out by the backoff.
     */
    List<InboxBatch> claimDue(int limit, Duration initialBackoff, Duration maxBackoff);

    /**
     * Drops the payloads of up to {@code limit} batches that have been DONE for longer than {@code retention}, oldest
     * first; their keys and outcomes stay.
     *
     * @return how many batches it compacted
     */
    int dropPayloadsDoneFor(Duration retention, int limit);
}

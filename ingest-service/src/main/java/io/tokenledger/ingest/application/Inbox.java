package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.UsageEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The durable inbox of accepted events (port; implemented in persistence). */
public interface Inbox {

    /**
     * Stores the events that are new, in one transaction, leased to the caller for {@code lease}.
     *
     * @return the keys of the events that were inserted now; the others were there already
     */
    Set<EventKey> accept(List<UsageEvent> events, Duration lease);

    /** The stored outcome of each given event, present when it is DONE. */
    Map<EventKey, Optional<Outcome>> outcomes(Collection<EventKey> keys);

    /** Marks the events DONE with their outcomes, in one statement. */
    void complete(Map<EventKey, Outcome> outcomes);

    /** Notes why the events could not be completed; they stay PENDING for the drainer. */
    void failed(Collection<EventKey> keys, String error);

    /**
     * Claims up to {@code limit} due PENDING events, oldest first, skipping those other drainers hold,
     * and pushes their next attempt out by the backoff.
     */
    List<UsageEvent> claimDue(int limit, Duration initialBackoff, Duration maxBackoff);
}

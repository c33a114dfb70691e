package io.tokenledger.ingest.domain;

import java.util.Optional;

/** The answer for one event: its status and, once completed, its outcome. */
public record EventResult(String eventId, EventStatus status, Optional<Outcome> outcome) {

    public static EventResult recorded(String eventId, Outcome outcome) {
        return new EventResult(eventId, EventStatus.RECORDED, Optional.of(outcome));
    }

    public static EventResult duplicate(String eventId, Optional<Outcome> stored) {
        return new EventResult(eventId, EventStatus.DUPLICATE, stored);
    }

    public static EventResult queued(String eventId) {
        return new EventResult(eventId, EventStatus.QUEUED, Optional.empty());
    }
}

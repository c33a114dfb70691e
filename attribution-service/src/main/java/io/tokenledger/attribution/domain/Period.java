package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;
import java.time.Instant;
import java.util.Optional;

/** A range {@code [start, end)} of occurred_at: no start means the beginning, no end means now. */
public record Period(Instant start, Instant end) {

    /** Earlier than any ledger row (validation keeps occurred_at within the years 1..9999). */
    static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");

    static Period of(Optional<Instant> start, Optional<Instant> end, Instant now, Violations violations) {
        Instant endTime = end.orElse(now);
        Instant startTime = start.orElse(BEGINNING);
        violations.check(!startTime.isAfter(endTime), "end_time", "must not be before start_time");
        return new Period(startTime, endTime);
    }
}

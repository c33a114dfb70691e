package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Every trace is shifted to start at {@code start} (UTC) on the day {@code days_back} days before today (UTC). */
public record TimeSpec(@JsonProperty("start_utc") String startUtc, @JsonProperty("days_back") Integer daysBack) {

    public TimeSpec {
        startUtc = startUtc == null ? "09:00" : startUtc;
        LocalTime.parse(startUtc);
        daysBack = daysBack == null ? 1 : daysBack;
        Scenario.require(daysBack >= 1, "time.days_back must be >= 1 (events may not be in the future)");
    }

    public Instant traceStart(Clock clock) {
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(daysBack);
        return day.atTime(LocalTime.parse(startUtc)).toInstant(ZoneOffset.UTC);
    }

    /** Start of the UTC day the traffic happened on. */
    public Instant dayStart(Clock clock) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(daysBack).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}

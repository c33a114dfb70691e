package io.tokenledger.cli.scenario;

import io.tokenledger.cli.trace.TraceRow;
import java.time.Instant;

/** One trace row as the scenario sends it: its feature, customer and shifted time. */
public record PlannedEvent(String eventId, FeatureSpec feature, TraceRow row, Instant occurredTime, String customer) {
}

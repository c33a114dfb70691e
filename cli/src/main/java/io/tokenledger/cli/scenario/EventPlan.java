package io.tokenledger.cli.scenario;

import io.tokenledger.cli.trace.TraceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every row of every feature's trace, with its customer and shifted time, merged in occurred-time order. */
public record EventPlan(Scenario scenario, Instant traceStart, Map<String, List<TraceRow>> rowsByFeature,
                        List<PlannedEvent> events) {

    /** Reads the traces (paths relative to {@code projectRoot}), at most {@code maxRows} per trace (0 = all). */
    public static EventPlan build(Scenario scenario, Path projectRoot, Instant traceStart, int maxRows)
            throws IOException {
        Map<String, List<TraceRow>> rowsByFeature = new LinkedHashMap<>();
        for (FeatureSpec feature : scenario.features()) {
            Path file = projectRoot.resolve(feature.trace().path());
            rowsByFeature.put(feature.name(), feature.trace().format().read(file, maxRows));
        }
        return of(scenario, traceStart, rowsByFeature);
    }

    public static EventPlan of(Scenario scenario, Instant traceStart, Map<String, List<TraceRow>> rowsByFeature) {
        List<PlannedEvent> events = new ArrayList<>();
        for (FeatureSpec feature : scenario.features()) {
            CustomerAssigner assigner = CustomerAssigner.forFeature(scenario.customers(), scenario.seed(), feature.name());
            for (TraceRow row : rowsByFeature.getOrDefault(feature.name(), List.of())) {
                events.add(new PlannedEvent(feature.name() + "-" + row.index(), feature, row,
                        traceStart.plus(row.offset()), assigner.next()));
            }
        }
        // Stable sort: ties keep feature order, then row order.
        events.sort(Comparator.comparing(PlannedEvent::occurredTime));
        return new EventPlan(scenario, traceStart, Map.copyOf(rowsByFeature), List.copyOf(events));
    }

    public Instant lastEventTime() {
        return events.isEmpty() ? traceStart : events.get(events.size() - 1).occurredTime();
    }
}

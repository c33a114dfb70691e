package io.tokenledger.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.cli.trace.TraceFormat;
import io.tokenledger.cli.trace.TraceRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPlanTest {

    private static Scenario scenario() {
        FeatureSpec.ModelRef model = new FeatureSpec.ModelRef("openai", "gpt-5-mini");
        return new Scenario("acme", "prod", 5, new CustomerSpec(10, "cust-", 1.0), new TimeSpec("09:00", 1),
                List.of(new FeatureSpec("a", "ta", new FeatureSpec.TraceSpec(TraceFormat.AZURE_CSV, "a.csv"), model,
                                null, Map.of()),
                        new FeatureSpec("b", "tb", new FeatureSpec.TraceSpec(TraceFormat.AZURE_CSV, "b.csv"), model,
                                null, Map.of())),
                List.of());
    }

    @Test
    void shiftsToNineUtcOfThePreviousDay() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T01:30:00Z"), ZoneOffset.UTC);
        TimeSpec time = new TimeSpec("09:00", 1);

        assertThat(time.traceStart(clock)).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(time.dayStart(clock)).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void mergesFeaturesInTimeOrderWithDeterministicIdsAndCustomers() {
        Instant start = Instant.parse("2026-12-02T09:00:00Z");
        Map<String, List<TraceRow>> rows = Map.of(
                "a", List.of(row(0, 0), row(1, 300), row(2, 900)),
                "b", List.of(row(0, 0), row(1, 500)));

        EventPlan plan = EventPlan.of(scenario(), start, rows);

        // Ties keep feature order (a before b), then time order.
        assertThat(plan.events()).extracting(PlannedEvent::eventId)
                .containsExactly("a-0", "b-0", "a-1", "b-1", "a-2");
        assertThat(plan.events().get(2).occurredTime()).isEqualTo(Instant.parse("2026-12-02T09:00:00.300Z"));
        assertThat(plan.lastEventTime()).isEqualTo(Instant.parse("2026-12-02T09:00:00.900Z"));
        assertThat(EventPlan.of(scenario(), start, rows).events()).extracting(PlannedEvent::customer)
                .containsExactlyElementsOf(plan.events().stream().map(PlannedEvent::customer).toList());
        assertThat(plan.events()).allMatch(e -> e.customer().matches("cust-0(0[1-9]|10)"));
    }

    private static TraceRow row(int index, long offsetMillis) {
        return new TraceRow(index, Duration.ofMillis(offsetMillis), 100, 0, 10);
    }
}

package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RollupPlanTest {

    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    private static Optional<RollupPlan> plan(String start, String end, List<String> groupBy, Granularity granularity,
                                             String zone) {
        return RollupPlan.of(CostQuery.parse("t", Optional.ofNullable(start).map(Instant::parse),
                Optional.of(Instant.parse(end)), groupBy, Map.of(), granularity, zone, 0, NOW));
    }

    @Test
    void wholeHoursComeFromTheRollupAndPartialHoursAtTheEdgesFromTheLedger() {
        assertThat(plan("2026-03-01T10:15:00Z", "2026-03-03T08:59:59Z", List.of("feature"), Granularity.DAY,
                "Europe/Berlin")).contains(new RollupPlan(Optional.of(Instant.parse("2026-03-01T11:00:00Z")),
                Instant.parse("2026-03-03T08:00:00Z")));
        assertThat(plan(null, "2026-03-03T00:00:00Z", List.of(), Granularity.DAY, "UTC"))
                .contains(new RollupPlan(Optional.empty(), Instant.parse("2026-03-03T00:00:00Z")));
    }

    @Test
    void tagsHalfHourZonesAndRangesShorterThanAnHourScanTheLedger() {
        assertThat(plan("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", List.of("tag:region"), Granularity.DAY,
                "UTC")).isEmpty();
        assertThat(plan("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", List.of(), Granularity.DAY,
                "Asia/Kolkata")).isEmpty();
        // A TOTAL needs no bucket boundaries, so any zone is fine.
        assertThat(plan("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", List.of(), Granularity.TOTAL,
                "Asia/Kolkata")).isPresent();
        assertThat(plan("2026-03-01T10:15:00Z", "2026-03-01T10:55:00Z", List.of(), Granularity.TOTAL, "UTC"))
                .isEmpty();
        // Unbounded start: Berlin's local mean time before 1893 was +00:53:28, not whole hours.
        assertThat(plan(null, "2026-03-03T00:00:00Z", List.of(), Granularity.DAY, "Europe/Berlin")).isEmpty();
        assertThat(plan("2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", List.of(), Granularity.DAY,
                "Europe/Berlin")).isPresent();
    }
}

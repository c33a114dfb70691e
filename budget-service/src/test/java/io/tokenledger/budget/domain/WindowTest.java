package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void springForwardDayInNewYorkIs23Hours() {
        // 2024-03-10: clocks jump 02:00 EST -> 03:00 EDT. Midnight is 05:00Z (EST), next midnight 04:00Z (EDT).
        Window day = Window.containing(BudgetPeriod.DAY, NEW_YORK, Instant.parse("2024-03-10T12:00:00Z"));
        assertThat(day.start()).isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2024-03-11T04:00:00Z"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void fallBackDayInNewYorkIs25Hours() {
        // 2024-11-03: 02:00 EDT -> 01:00 EST. Midnight 04:00Z (EDT), next midnight 05:00Z (EST).
        Window day = Window.containing(BudgetPeriod.DAY, NEW_YORK, Instant.parse("2024-11-03T12:00:00Z"));
        assertThat(day.start()).isEqualTo(Instant.parse("2024-11-03T04:00:00Z"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void february2024InBerlin() {
        // Berlin is CET (+01:00) all February: 2024-02-01T00:00+01 = 2024-01-31T23:00Z; leap year, so the month
        // ends 2024-03-01T00:00+01 = 2024-02-29T23:00Z (29 days).
        Window month = Window.containing(BudgetPeriod.MONTH, BERLIN, Instant.parse("2024-02-15T12:00:00Z"));
        assertThat(month.start()).isEqualTo(Instant.parse("2024-01-31T23:00:00Z"));
        assertThat(month.end()).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
        assertThat(Duration.between(month.start(), month.end())).isEqualTo(Duration.ofDays(29));
    }

    @Test
    void instantAtBerlinMonthStartBelongsToTheNewMonth() {
        // 2024-01-31T23:00Z is 2024-02-01T00:00 in Berlin: start inclusive.
        Window month = Window.containing(BudgetPeriod.MONTH, BERLIN, Instant.parse("2024-01-31T23:00:00Z"));
        assertThat(month.start()).isEqualTo(Instant.parse("2024-01-31T23:00:00Z"));
        Window january = Window.containing(BudgetPeriod.MONTH, BERLIN, Instant.parse("2024-01-31T22:59:59.999Z"));
        assertThat(january.end()).isEqualTo(month.start());
    }

    @Test
    void instantsRightBeforeAndAfterLocalMidnight() {
        // 2024-06-01T00:00 EDT (-04:00) = 2024-06-01T04:00Z.
        Instant midnight = Instant.parse("2024-06-01T04:00:00Z");
        Window before = Window.containing(BudgetPeriod.DAY, NEW_YORK, midnight.minusNanos(1));
        Window after = Window.containing(BudgetPeriod.DAY, NEW_YORK, midnight);
        assertThat(before.start()).isEqualTo(Instant.parse("2024-05-31T04:00:00Z"));
        assertThat(before.end()).isEqualTo(midnight);
        assertThat(after.start()).isEqualTo(midnight);
        assertThat(after.end()).isEqualTo(Instant.parse("2024-06-02T04:00:00Z"));
        assertThat(before.contains(midnight)).isFalse();
        assertThat(after.contains(midnight)).isTrue();
    }

    @Test
    void utcDay() {
        Window day = Window.containing(BudgetPeriod.DAY, ZoneId.of("UTC"), Instant.parse("2024-06-01T23:59:59Z"));
        assertThat(day).isEqualTo(new Window(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z")));
    }
}

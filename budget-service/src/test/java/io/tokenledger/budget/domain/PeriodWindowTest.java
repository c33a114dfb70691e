package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** HOUR, WEEK, MONTH-end and TOTAL windows, including DST changes in both directions. */
class PeriodWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Window at(BudgetPeriod period, ZoneId zone, DayOfWeek weekStart, String instant) {
        return Window.containing(period, zone, weekStart, Instant.parse(instant));
    }

    @Test
    void fallBackRepeatsTheLocalOneOClockHourAsTwoWindows() {
        // 2024-11-03 New York: 01:30 EDT (-04) = 05:30Z, then clocks go back and 01:30 EST (-05) = 06:30Z.
        Window first = at(BudgetPeriod.HOUR, NEW_YORK, DayOfWeek.MONDAY, "2024-11-03T05:30:00Z");
        Window second = at(BudgetPeriod.HOUR, NEW_YORK, DayOfWeek.MONDAY, "2024-11-03T06:30:00Z");
        assertThat(first).isEqualTo(new Window(Instant.parse("2024-11-03T05:00:00Z"), Instant.parse("2024-11-03T06:00:00Z")));
        assertThat(second).isEqualTo(new Window(Instant.parse("2024-11-03T06:00:00Z"), Instant.parse("2024-11-03T07:00:00Z")));
    }

    @Test
    void springForwardHoursStayContiguous() {
        // 2024-03-10 New York: 01:30 EST = 06:30Z; 07:00Z is 03:00 EDT (02:xx does not exist).
        Window oneAm = at(BudgetPeriod.HOUR, NEW_YORK, DayOfWeek.MONDAY, "2024-03-10T06:30:00Z");
        Window threeAm = at(BudgetPeriod.HOUR, NEW_YORK, DayOfWeek.MONDAY, "2024-03-10T07:00:00Z");
        assertThat(oneAm).isEqualTo(new Window(Instant.parse("2024-03-10T06:00:00Z"), Instant.parse("2024-03-10T07:00:00Z")));
        assertThat(threeAm.start()).isEqualTo(oneAm.end());
    }

    @Test
    void hoursFollowHalfHourOffsets() {
        // Asia/Kolkata is +05:30: 10:00Z = 15:30 local, so the hour is 15:00-16:00 local = 09:30Z-10:30Z.
        Window hour = at(BudgetPeriod.HOUR, ZoneId.of("Asia/Kolkata"), DayOfWeek.MONDAY, "2024-06-05T10:00:00Z");
        assertThat(hour).isEqualTo(new Window(Instant.parse("2024-06-05T09:30:00Z"), Instant.parse("2024-06-05T10:30:00Z")));
    }

    @Test
    void weeksStartOnTheChosenDay() {
        // 2024-06-05 is a Wednesday.
        assertThat(at(BudgetPeriod.WEEK, ZoneId.of("UTC"), DayOfWeek.MONDAY, "2024-06-05T12:00:00Z"))
                .isEqualTo(new Window(Instant.parse("2024-06-03T00:00:00Z"), Instant.parse("2024-06-10T00:00:00Z")));
        assertThat(at(BudgetPeriod.WEEK, ZoneId.of("UTC"), DayOfWeek.SUNDAY, "2024-06-05T12:00:00Z"))
                .isEqualTo(new Window(Instant.parse("2024-06-02T00:00:00Z"), Instant.parse("2024-06-09T00:00:00Z")));
        // Starting on the day itself: the week starts that midnight; one nano earlier is the previous week.
        assertThat(at(BudgetPeriod.WEEK, ZoneId.of("UTC"), DayOfWeek.WEDNESDAY, "2024-06-05T00:00:00Z").start())
                .isEqualTo(Instant.parse("2024-06-05T00:00:00Z"));
        assertThat(at(BudgetPeriod.WEEK, ZoneId.of("UTC"), DayOfWeek.WEDNESDAY, "2024-06-04T23:59:59.999999999Z").start())
                .isEqualTo(Instant.parse("2024-05-29T00:00:00Z"));
    }

    @Test
    void aWeekContainingSpringForwardIs167Hours() {
        // Sunday 2024-03-10 00:00 EST = 05:00Z; Sunday 2024-03-17 00:00 EDT = 04:00Z: 7 x 24 - 1 = 167 h.
        Window week = at(BudgetPeriod.WEEK, NEW_YORK, DayOfWeek.SUNDAY, "2024-03-12T12:00:00Z");
        assertThat(week.start()).isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2024-03-17T04:00:00Z"));
        assertThat(Duration.between(week.start(), week.end())).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void monthEndsRollFromThe31stIntoFebruary() {
        // 2025-01-31 23:59:59 UTC is still January; 2025-02-01 starts a 28-day February (2025 is no leap year).
        Window january = at(BudgetPeriod.MONTH, ZoneId.of("UTC"), DayOfWeek.MONDAY, "2025-01-31T23:59:59Z");
        Window february = at(BudgetPeriod.MONTH, ZoneId.of("UTC"), DayOfWeek.MONDAY, "2025-02-01T00:00:00Z");
        assertThat(january).isEqualTo(new Window(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")));
        assertThat(february).isEqualTo(new Window(Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z")));
        assertThat(Duration.between(february.start(), february.end())).isEqualTo(Duration.ofDays(28));
        // New York's November contains fall-back: 30 days + 1 h (2024-11-01 04:00Z to 2024-12-01 05:00Z).
        Window november = at(BudgetPeriod.MONTH, NEW_YORK, DayOfWeek.MONDAY, "2024-11-15T12:00:00Z");
        assertThat(Duration.between(november.start(), november.end())).isEqualTo(Duration.ofDays(30).plusHours(1));
    }

    @Test
    void totalNeverResets() {
        Window early = at(BudgetPeriod.TOTAL, NEW_YORK, DayOfWeek.MONDAY, "2001-01-01T00:00:00Z");
        Window late = at(BudgetPeriod.TOTAL, ZoneId.of("UTC"), DayOfWeek.MONDAY, "2099-12-31T23:59:59Z");
        assertThat(early).isEqualTo(late).isEqualTo(Window.ALL_TIME);
    }
}

package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** CUSTOM windows: fiscal months, month-end anchors, quarters, sprints before the anchor, DST in the zone. */
class CustomCalendarTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Window window(CustomCalendar calendar, ZoneId zone, String at) {
        return calendar.windowContaining(zone, Instant.parse(at));
    }

    @Test
    void fiscalMonthsFromTheFifteenthInBerlin() {
        CustomCalendar fiscal = new CustomCalendar(LocalDate.parse("2026-01-15"), 1, CustomCalendar.Unit.MONTHS);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-03-20 is in the window from 15 March to 15 April; Berlin is +01:00 on 15 March and +02:00 (CEST,
        // from 29 March) on 15 April, so the window is 2026-03-14T23:00Z .. 2026-04-14T22:00Z.
        assertThat(window(fiscal, berlin, "2026-03-20T12:00:00Z")).isEqualTo(new Window(
                Instant.parse("2026-03-14T23:00:00Z"), Instant.parse("2026-04-14T22:00:00Z")));
        // The last nanosecond before local midnight of the 15th is still in the earlier window; midnight starts the next.
        assertThat(window(fiscal, berlin, "2026-04-14T21:59:59.999999999Z").end())
                .isEqualTo(Instant.parse("2026-04-14T22:00:00Z"));
        assertThat(window(fiscal, berlin, "2026-04-14T22:00:00Z").start())
                .isEqualTo(Instant.parse("2026-04-14T22:00:00Z"));
    }

    @Test
    void aMonthEndAnchorLandsOnTheLastDayOfShorterMonthsWithoutDrifting() {
        CustomCalendar monthEnd = new CustomCalendar(LocalDate.parse("2027-01-31"), 1, CustomCalendar.Unit.MONTHS);
        // Jan 31 + 1 month = Feb 28 (2027 is no leap year); + 2 months = Mar 31 again (from the anchor, no drift).
        assertThat(window(monthEnd, UTC, "2027-02-10T00:00:00Z")).isEqualTo(new Window(
                Instant.parse("2027-01-31T00:00:00Z"), Instant.parse("2027-02-28T00:00:00Z")));
        assertThat(window(monthEnd, UTC, "2027-03-05T00:00:00Z")).isEqualTo(new Window(
                Instant.parse("2027-02-28T00:00:00Z"), Instant.parse("2027-03-31T00:00:00Z")));
        // 2028 is a leap year: Jan 31 2028 + 1 month = Feb 29.
        assertThat(window(monthEnd, UTC, "2028-02-29T12:00:00Z").start()).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void quartersFromFebruary() {
        CustomCalendar quarters = new CustomCalendar(LocalDate.parse("2026-02-01"), 3, CustomCalendar.Unit.MONTHS);
        assertThat(window(quarters, UTC, "2026-12-04T09:00:00Z")).isEqualTo(new Window(
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-02-01T00:00:00Z")));
        // Before the anchor too: Nov 2025 .. Feb 2026.
        assertThat(window(quarters, UTC, "2026-01-31T23:59:59Z")).isEqualTo(new Window(
                Instant.parse("2025-11-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void twoWeekSprintsBeforeAndAfterTheAnchorAcrossADstChange() {
        CustomCalendar sprints = new CustomCalendar(LocalDate.parse("2026-01-05"), 14, CustomCalendar.Unit.DAYS);
        ZoneId newYork = ZoneId.of("America/New_York");
        // 2026-03-02 + 14 days = 2026-03-16; DST starts 2026-03-08, so the sprint is 14 x 24 h - 1 h long:
        // 2026-03-02T05:00Z (EST, -05) .. 2026-03-16T04:00Z (EDT, -04).
        assertThat(window(sprints, newYork, "2026-03-10T12:00:00Z")).isEqualTo(new Window(
                Instant.parse("2026-03-02T05:00:00Z"), Instant.parse("2026-03-16T04:00:00Z")));
        // 2025-12-25 is 11 days before the anchor: sprint 2025-12-22 .. 2026-01-05.
        assertThat(window(sprints, UTC, "2025-12-25T00:00:00Z")).isEqualTo(new Window(
                Instant.parse("2025-12-22T00:00:00Z"), Instant.parse("2026-01-05T00:00:00Z")));
    }

    @Test
    void lengthsAreBounded() {
        assertThat(CustomCalendar.lengthProblem(366, CustomCalendar.Unit.DAYS)).isNull();
        assertThat(CustomCalendar.lengthProblem(367, CustomCalendar.Unit.DAYS)).isEqualTo("must be 1..366 days");
        assertThat(CustomCalendar.lengthProblem(0, CustomCalendar.Unit.MONTHS)).isEqualTo("must be 1..24 months");
    }
}

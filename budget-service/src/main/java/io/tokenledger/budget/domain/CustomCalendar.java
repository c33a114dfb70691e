package io.tokenledger.budget.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The windows of a CUSTOM budget: every {@code length} days or months from {@code anchor}, a local date that starts
 * one window (windows repeat before and after it), e.g. fiscal months from the 15th (2026-01-15, 1 month),
 * quarters from February (2026-02-01, 3 months) or two-week sprints (2026-01-05, 14 days). Window k starts at
 * {@code anchor + k * length} computed from the anchor each time, so a month anchor on the 31st gives the last day
 * of shorter months without drifting; each start is that date's first instant in the budget's zone.
 */
public record CustomCalendar(LocalDate anchor, int length, Unit unit) {

    /** The unit of a custom window's length. */
    public enum Unit { DAYS, MONTHS }

    /** The longest window, in each unit. */
    public static final int MAX_DAYS = 366;
    public static final int MAX_MONTHS = 24;

    /** What is wrong with this length in this unit, or null when it is valid. */
    public static String lengthProblem(int length, Unit unit) {
        int max = unit == Unit.DAYS ? MAX_DAYS : MAX_MONTHS;
        return length >= 1 && length <= max ? null : "must be 1.." + max + " " + unit.name().toLowerCase();
    }

    /** The window containing {@code at}. */
    public Window windowContaining(ZoneId zone, Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        long k = Math.floorDiv(unitsBetween(anchor, day), length);
        // A month step can land after 'day' (anchor on the 31st, clipped months): step back until it contains it.
        while (start(k).isAfter(day)) {
            k--;
        }
        while (!start(k + 1).isAfter(day)) {
            k++;
        }
        Instant start = start(k).atStartOfDay(zone).toInstant();
        Instant end = start(k + 1).atStartOfDay(zone).toInstant();
        return new Window(start, end);
    }

    private LocalDate start(long k) {
        return unit == Unit.DAYS ? anchor.plusDays(k * length) : anchor.plusMonths(k * length);
    }

    private long unitsBetween(LocalDate from, LocalDate to) {
        if (unit == Unit.DAYS) {
            return ChronoUnit.DAYS.between(from, to);
        }
        return (to.getYear() * 12L + to.getMonthValue()) - (from.getYear() * 12L + from.getMonthValue());
    }
}

package io.tokenledger.budget.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A calendar window [start, end) of a budget. Day, week and month windows are computed from local dates in the
 * budget's zone and {@link LocalDate#atStartOfDay(ZoneId)}, so DST days are 23 or 25 hours long and a zone whose
 * midnight is skipped starts the day at the first valid instant. Hours are local clock hours (the truncation keeps
 * the offset, so the repeated fall-back hour is two distinct windows).
 */
public record Window(Instant start, Instant end) {

    /** The single window of a TOTAL budget: from the epoch to the end of year 9999. */
    public static final Window ALL_TIME = new Window(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"));

    public Window {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start must be before end");
        }
    }

    /** The window of {@code period} in {@code zone} that contains {@code at}; weeks start on Monday. */
    public static Window containing(BudgetPeriod period, ZoneId zone, Instant at) {
        return containing(period, zone, DayOfWeek.MONDAY, at);
    }

    /** The window of {@code period} in {@code zone} that contains {@code at}; weeks start on {@code weekStart}. */
    public static Window containing(BudgetPeriod period, ZoneId zone, DayOfWeek weekStart, Instant at) {
        if (period == BudgetPeriod.TOTAL) {
            return ALL_TIME;
        }
        if (period == BudgetPeriod.ROLLING || period == BudgetPeriod.CUSTOM) {
            throw new IllegalArgumentException("a " + period + " window needs its budget: use Budget.windowAt");
        }
        ZonedDateTime local = at.atZone(zone);
        if (period == BudgetPeriod.HOUR) {
            Instant start = local.truncatedTo(ChronoUnit.HOURS).toInstant();
            Instant end = start.plus(1, ChronoUnit.HOURS);
            // A zone whose offset moves by less than an hour could skip a boundary: never return a window missing 'at'.
            return new Window(start, end.isAfter(at) ? end : at.plusNanos(1));
        }
        LocalDate day = local.toLocalDate();
        LocalDate first;
        LocalDate next;
        switch (period) {
            case DAY -> {
                first = day;
                next = day.plusDays(1);
            }
            case WEEK -> {
                first = day.with(TemporalAdjusters.previousOrSame(weekStart));
                next = first.plusWeeks(1);
            }
            default -> {
                first = day.withDayOfMonth(1);
                next = first.plusMonths(1);
            }
        }
        return new Window(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}

package io.tokenledger.budget.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A calendar window [start, end) of a budget. Computed from local dates in the budget's zone and
 * {@link LocalDate#atStartOfDay(ZoneId)}, so DST days are 23 or 25 hours long and a zone whose midnight
 * is skipped starts the day at the first valid instant.
 */
public record Window(Instant start, Instant end) {

    public Window {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start must be before end");
        }
    }

    /** The window of {@code period} in {@code zone} that contains {@code at}. */
    public static Window containing(BudgetPeriod period, ZoneId zone, Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate first = period == BudgetPeriod.DAY ? day : day.withDayOfMonth(1);
        LocalDate next = period == BudgetPeriod.DAY ? first.plusDays(1) : first.plusMonths(1);
        return new Window(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}

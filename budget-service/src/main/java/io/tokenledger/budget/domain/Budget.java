package io.tokenledger.budget.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A spend limit over a scope of business dimensions, counted per calendar window.
 *
 * @param thresholds alert thresholds in percent of the limit, ascending and distinct
 * @param weekStart  the first day of a WEEK window
 */
public record Budget(
        String id,
        String tenantId,
        String displayName,
        Map<String, String> scope,
        BudgetPeriod period,
        ZoneId zone,
        long limitNanos,
        List<Integer> thresholds,
        String etag,
        Instant createTime,
        Enforcement enforcement,
        DayOfWeek weekStart) {

    public Budget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        scope = Map.copyOf(scope);
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(weekStart, "weekStart");
    }

    /** An enforced budget whose weeks start on Monday. */
    public Budget(String id, String tenantId, String displayName, Map<String, String> scope, BudgetPeriod period,
                  ZoneId zone, long limitNanos, List<Integer> thresholds, String etag, Instant createTime) {
        this(id, tenantId, displayName, scope, period, zone, limitNanos, thresholds, etag, createTime,
                Enforcement.ENFORCE, DayOfWeek.MONDAY);
    }

    /** The window this budget counts {@code at} in. */
    public Window windowAt(Instant at) {
        return Window.containing(period, zone, weekStart, at);
    }

    /** Whether a call with these dimensions counts against this budget. */
    public boolean matches(Map<String, String> dimensions) {
        return Scope.matches(scope, dimensions);
    }

    public boolean shadow() {
        return enforcement == Enforcement.SHADOW;
    }

    /** The lowest alert threshold (100 if a budget somehow has none): where CheckBudget starts to WARN. */
    public int lowestThreshold() {
        return thresholds.isEmpty() ? 100 : thresholds.get(0);
    }
}

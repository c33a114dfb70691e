package io.tokenledger.budget.domain;

import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A spend limit over a scope of business dimensions, counted per calendar or rolling window, in nano-USD or in
 * tokens (exactly one of {@code limitNanos} and {@code limitTokens} is > 0).
 *
 * @param thresholds     alert thresholds in percent of the limit, ascending and distinct
 * @param weekStart      the first day of a WEEK window
 * @param limitTokens    the limit in tokens of a token budget, else 0
 * @param rollingWindow  the length of a ROLLING window, else zero
 * @param denyThresholds the thresholds (a subset of {@code thresholds}) whose action is DENY
 * @param calendar       the windows of a CUSTOM budget, else empty
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
        DayOfWeek weekStart,
        long limitTokens,
        Duration rollingWindow,
        List<Integer> denyThresholds,
        Optional<CustomCalendar> calendar) {

    public Budget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        scope = Map.copyOf(scope);
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(weekStart, "weekStart");
        Objects.requireNonNull(rollingWindow, "rollingWindow");
        denyThresholds = List.copyOf(denyThresholds);
        Objects.requireNonNull(calendar, "calendar");
    }

    /** A budget without a custom calendar. */
    public Budget(String id, String tenantId, String displayName, Map<String, String> scope, BudgetPeriod period,
                  ZoneId zone, long limitNanos, List<Integer> thresholds, String etag, Instant createTime,
                  Enforcement enforcement, DayOfWeek weekStart, long limitTokens, Duration rollingWindow,
                  List<Integer> denyThresholds) {
        this(id, tenantId, displayName, scope, period, zone, limitNanos, thresholds, etag, createTime, enforcement,
                weekStart, limitTokens, rollingWindow, denyThresholds, Optional.empty());
    }

    /** A USD budget on a calendar window whose thresholds all notify. */
    public Budget(String id, String tenantId, String displayName, Map<String, String> scope, BudgetPeriod period,
                  ZoneId zone, long limitNanos, List<Integer> thresholds, String etag, Instant createTime,
                  Enforcement enforcement, DayOfWeek weekStart) {
        this(id, tenantId, displayName, scope, period, zone, limitNanos, thresholds, etag, createTime, enforcement,
                weekStart, 0L, Duration.ZERO, List.of());
    }

    /** An enforced budget whose weeks start on Monday. */
    public Budget(String id, String tenantId, String displayName, Map<String, String> scope, BudgetPeriod period,
                  ZoneId zone, long limitNanos, List<Integer> thresholds, String etag, Instant createTime) {
        this(id, tenantId, displayName, scope, period, zone, limitNanos, thresholds, etag, createTime,
                Enforcement.ENFORCE, DayOfWeek.MONDAY);
    }

    /** The window this budget counts {@code at} in (for ROLLING: the whole buckets ending with the one of {@code at}). */
    public Window windowAt(Instant at) {
        return switch (period) {
            case ROLLING -> RollingBuckets.windowAt(rollingWindow, at);
            case CUSTOM -> calendar.orElseThrow().windowContaining(zone, at);
            default -> Window.containing(period, zone, weekStart, at);
        };
    }

    /**
     * The window a threshold crossing at {@code at} is recorded in (once per threshold): the counting window, except
     * for ROLLING budgets, whose crossings are recorded once per epoch-aligned span of the rolling length.
     */
    public Window eventWindowAt(Instant at) {
        return period == BudgetPeriod.ROLLING ? RollingBuckets.eventWindowAt(rollingWindow, at) : windowAt(at);
    }

    public boolean rolling() {
        return period == BudgetPeriod.ROLLING;
    }

    /** Whether this budget counts tokens rather than nano-USD. */
    public boolean countsTokens() {
        return limitTokens > 0;
    }

    /** The limit in the budget's unit (tokens or nano-USD). */
    public long limit() {
        return countsTokens() ? limitTokens : limitNanos;
    }

    /** What a call of this cost and these tokens counts in this budget's unit. */
    public long amountOf(long costNanos, long tokens) {
        return countsTokens() ? tokens : costNanos;
    }

    /**
     * The most this budget admits in a window: the limit, or the lowest DENY threshold's share of it, rounded down
     * (an integer amount a is past p% of L exactly when a > floor(L * p / 100)).
     */
    public long denyCap() {
        long cap = limit();
        for (int percent : denyThresholds) {
            long share = BigInteger.valueOf(limit()).multiply(BigInteger.valueOf(percent))
                    .divide(BigInteger.valueOf(100)).longValue();
            cap = Math.min(cap, share);
        }
        return cap;
    }

    /** The lowest DENY threshold below 100 %, if any (it, not the limit, denies first). */
    public java.util.Optional<Integer> lowestDenyThreshold() {
        return denyThresholds.stream().filter(p -> p < 100).min(Integer::compare);
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

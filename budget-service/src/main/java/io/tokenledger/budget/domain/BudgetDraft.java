package io.tokenledger.budget.domain;

import io.tokenledger.platform.error.Violations;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A budget as a client asks for it, before validation. {@link #toBudget} checks every field at once and
 * reports each problem with its API field path (e.g. {@code budget.scope[foo]}).
 */
public record BudgetDraft(
        String tenantId,
        String displayName,
        Map<String, String> scope,
        Optional<BudgetPeriod> period,
        String timeZone,
        long limitNanos,
        List<Integer> thresholds,
        Enforcement enforcement,
        int weekStartDay) {

    /** Thresholds used when the client gives none. */
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(80, 100);

    public BudgetDraft {
        scope = Map.copyOf(scope);
        thresholds = List.copyOf(thresholds);
    }

    /** An enforced draft whose weeks (if any) start on Monday. */
    public BudgetDraft(String tenantId, String displayName, Map<String, String> scope, Optional<BudgetPeriod> period,
                       String timeZone, long limitNanos, List<Integer> thresholds) {
        this(tenantId, displayName, scope, period, timeZone, limitNanos, thresholds, Enforcement.ENFORCE, 0);
    }

    /** The validated budget, or {@code TokenLedgerException.Invalid} naming every bad field. */
    public Budget toBudget(String id, String etag, Instant createTime) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "budget.tenant_id", "is required");
        violations.check(limitNanos > 0, "budget.limit", "must be > 0");
        violations.check(period.isPresent(), "budget.period", "is required (HOUR, DAY, WEEK, MONTH or TOTAL)");
        violations.check(weekStartDay >= 0 && weekStartDay <= 7, "budget.week_start_day", "must be 1 (Monday) .. 7 (Sunday), or 0 for Monday");
        ZoneId zone = ZoneId.of("UTC");
        String zoneName = timeZone.isBlank() ? "UTC" : timeZone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            violations.add("budget.time_zone", "unknown IANA time zone '" + zoneName + "'");
        }
        for (int i = 0; i < thresholds.size(); i++) {
            int t = thresholds.get(i);
            violations.check(t >= 1 && t <= 1000, "budget.threshold_percents[" + i + "]", "must be in 1..1000");
        }
        scope.forEach((key, value) -> {
            violations.check(Scope.KEYS.contains(key), "budget.scope[" + key + "]",
                    "unknown dimension; use one of " + new TreeSet<>(Scope.KEYS));
            violations.check(!value.isBlank(), "budget.scope[" + key + "]", "value must not be empty");
        });
        violations.throwIfAny();
        List<Integer> sorted = List.copyOf(new TreeSet<>(thresholds.isEmpty() ? DEFAULT_THRESHOLDS : thresholds));
        return new Budget(id, tenantId, displayName, scope, period.orElseThrow(), zone, limitNanos, sorted, etag, createTime,
                enforcement, DayOfWeek.of(weekStartDay == 0 ? 1 : weekStartDay));
    }
}

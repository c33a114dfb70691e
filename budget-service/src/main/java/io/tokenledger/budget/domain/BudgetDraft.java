package io.tokenledger.budget.domain;

import io.tokenledger.platform.error.Violations;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A budget as a client asks for it, before validation. {@link #toBudget} checks every field at once and
 * reports each problem with its API field path (e.g. {@code budget.scope[foo]}).
 *
 * @param thresholds     the legacy {@code threshold_percents} (all NOTIFY)
 * @param limitTokens    the token limit of a token budget (0 for a USD budget)
 * @param rollingWindow  the length of a ROLLING window (zero otherwise)
 * @param rules          the {@code thresholds} with actions; a percent in both lists takes the rule's action
 * @param calendar       the custom calendar as given (anchor as text, to report a bad date by field), if any
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
        int weekStartDay,
        long limitTokens,
        Duration rollingWindow,
        List<ThresholdRule> rules,
        Optional<CalendarDraft> calendar) {

    /** A custom calendar as given: the anchor date as ISO text, the length and unit (null when unset). */
    public record CalendarDraft(String anchorDate, int length, CustomCalendar.Unit unit) {
    }

    /** Thresholds used when the client gives none. */
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(80, 100);

    public BudgetDraft {
        scope = Map.copyOf(scope);
        thresholds = List.copyOf(thresholds);
        rules = List.copyOf(rules);
    }

    /** A draft without a custom calendar. */
    public BudgetDraft(String tenantId, String displayName, Map<String, String> scope, Optional<BudgetPeriod> period,
                       String timeZone, long limitNanos, List<Integer> thresholds, Enforcement enforcement,
                       int weekStartDay, long limitTokens, Duration rollingWindow, List<ThresholdRule> rules) {
        this(tenantId, displayName, scope, period, timeZone, limitNanos, thresholds, enforcement, weekStartDay,
                limitTokens, rollingWindow, rules, Optional.empty());
    }

    /** A USD, calendar-window draft without threshold actions. */
    public BudgetDraft(String tenantId, String displayName, Map<String, String> scope, Optional<BudgetPeriod> period,
                       String timeZone, long limitNanos, List<Integer> thresholds, Enforcement enforcement, int weekStartDay) {
        this(tenantId, displayName, scope, period, timeZone, limitNanos, thresholds, enforcement, weekStartDay, 0L,
                Duration.ZERO, List.of());
    }

    /** An enforced draft whose weeks (if any) start on Monday. */
    public BudgetDraft(String tenantId, String displayName, Map<String, String> scope, Optional<BudgetPeriod> period,
                       String timeZone, long limitNanos, List<Integer> thresholds) {
        this(tenantId, displayName, scope, period, timeZone, limitNanos, thresholds, Enforcement.ENFORCE, 0);
    }

    /** The draft that reproduces a stored budget (the base an update changes). */
    public static BudgetDraft of(Budget budget) {
        List<ThresholdRule> rules = new ArrayList<>();
        for (int percent : budget.thresholds()) {
            rules.add(new ThresholdRule(percent, budget.denyThresholds().contains(percent)));
        }
        return new BudgetDraft(budget.tenantId(), budget.displayName(), budget.scope(), Optional.of(budget.period()),
                budget.zone().getId(), budget.limitNanos(), List.of(), budget.enforcement(), budget.weekStart().getValue(),
                budget.limitTokens(), budget.rollingWindow(), rules, budget.calendar().map(c ->
                        new CalendarDraft(c.anchor().toString(), c.length(), c.unit())));
    }

    /** The validated budget, or {@code TokenLedgerException.Invalid} naming every bad field. */
    public Budget toBudget(String id, String etag, Instant createTime) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "budget.tenant_id", "is required");
        violations.check(limitNanos >= 0, "budget.limit", "must be > 0");
        violations.check(limitTokens >= 0, "budget.limit_tokens", "must be > 0");
        violations.check(limitNanos > 0 || limitTokens != 0, "budget.limit", "must be > 0 (or set limit_tokens for a token budget)");
        violations.check(!(limitNanos > 0 && limitTokens > 0), "budget.limit_tokens",
                "a budget has either limit (USD) or limit_tokens, not both");
        violations.check(period.isPresent(), "budget.period",
                "is required (HOUR, DAY, WEEK, MONTH, TOTAL, ROLLING or CUSTOM)");
        violations.check(weekStartDay >= 0 && weekStartDay <= 7, "budget.week_start_day", "must be 1 (Monday) .. 7 (Sunday), or 0 for Monday");
        if (period.isPresent() && period.get() == BudgetPeriod.ROLLING) {
            String problem = RollingBuckets.problem(rollingWindow);
            violations.check(problem == null, "budget.rolling_window", problem);
        } else {
            violations.check(rollingWindow.isZero(), "budget.rolling_window", "is only for period ROLLING");
        }
        Optional<CustomCalendar> custom = customCalendar(violations);
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
        TreeMap<Integer, Boolean> denyByPercent = new TreeMap<>();
        thresholds.forEach(t -> denyByPercent.put(t, false));
        for (int i = 0; i < rules.size(); i++) {
            ThresholdRule rule = rules.get(i);
            violations.check(rule.percent() >= 1 && rule.percent() <= 1000, "budget.thresholds[" + i + "].percent", "must be in 1..1000");
            violations.check(!rule.deny() || rule.percent() <= 100, "budget.thresholds[" + i + "].action",
                    "DENY applies to thresholds of at most 100 % (the limit itself always denies)");
            denyByPercent.put(rule.percent(), rule.deny());
        }
        scope.forEach((key, value) -> {
            violations.check(Scope.isKey(key), "budget.scope[" + key + "]",
                    "unknown dimension; use one of " + new TreeSet<>(Scope.KEYS) + " or tag:<label>");
            violations.check(!value.isBlank(), "budget.scope[" + key + "]", "value must not be empty");
        });
        violations.throwIfAny();
        if (denyByPercent.isEmpty()) {
            DEFAULT_THRESHOLDS.forEach(t -> denyByPercent.put(t, false));
        }
        List<Integer> sorted = List.copyOf(denyByPercent.keySet());
        List<Integer> deny = denyByPercent.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        boolean rolling = period.orElseThrow() == BudgetPeriod.ROLLING;
        return new Budget(id, tenantId, displayName, scope, period.orElseThrow(), zone, limitNanos, sorted, etag, createTime,
                enforcement, DayOfWeek.of(weekStartDay == 0 ? 1 : weekStartDay), limitTokens,
                rolling ? rollingWindow : Duration.ZERO, deny, custom);
    }

    /** The validated calendar of a CUSTOM budget (required there, and only there). */
    private Optional<CustomCalendar> customCalendar(Violations violations) {
        boolean isCustom = period.isPresent() && period.get() == BudgetPeriod.CUSTOM;
        if (!isCustom) {
            violations.check(calendar.isEmpty(), "budget.custom_calendar", "is only for period CUSTOM");
            return Optional.empty();
        }
        if (calendar.isEmpty()) {
            violations.add("budget.custom_calendar", "is required for period CUSTOM");
            return Optional.empty();
        }
        CalendarDraft draft = calendar.get();
        // The length is judged in its unit, so only when the unit is known.
        String lengthProblem = draft.unit() == null ? null : CustomCalendar.lengthProblem(draft.length(), draft.unit());
        violations.check(draft.unit() != null, "budget.custom_calendar.unit", "is required (DAYS or MONTHS)");
        violations.check(lengthProblem == null, "budget.custom_calendar.length", lengthProblem);
        LocalDate anchor = null;
        try {
            anchor = LocalDate.parse(draft.anchorDate());
        } catch (DateTimeException e) {
            violations.add("budget.custom_calendar.anchor_date", "must be an ISO date, e.g. 2026-01-15");
        }
        boolean valid = draft.unit() != null && lengthProblem == null && anchor != null;
        return valid ? Optional.of(new CustomCalendar(anchor, draft.length(), draft.unit())) : Optional.empty();
    }
}

package io.tokenledger.budget.domain;

import io.tokenledger.platform.error.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an {@code update_mask} to a stored budget. Only fields that do not change what was counted may change:
 * a new period, zone, week start, rolling length, custom calendar or scope would make the live counters (keyed by budget and
 * window) mean something else, and switching between USD and tokens would mix units in one counter; those paths
 * are rejected with INVALID_ARGUMENT naming the path (create a new budget instead).
 */
public final class BudgetUpdate {

    /** The paths an update may name. */
    public static final Set<String> UPDATABLE = Set.of("display_name", "limit", "limit_tokens", "thresholds",
            "threshold_percents", "enforcement");
    private static final Map<String, String> FIXED = Map.of(
            "period", "the window defines what was counted",
            "time_zone", "the window defines what was counted",
            "week_start_day", "the window defines what was counted",
            "rolling_window", "the window defines what was counted",
            "custom_calendar", "the window defines what was counted",
            "scope", "the scope defines what was counted",
            "tenant_id", "a budget never moves between tenants",
            "budget_id", "it is the budget's name",
            "create_time", "it is output only",
            "etag", "it is output only (set budget.etag to guard the update)");

    private BudgetUpdate() {
    }

    /** The draft of {@code current} with the masked fields taken from {@code patch}; validate it with toBudget. */
    public static BudgetDraft apply(Budget current, BudgetDraft patch, List<String> paths) {
        Violations violations = new Violations();
        violations.check(!paths.isEmpty(), "update_mask", "is required: name the fields to change, e.g. \"limit\"");
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            String root = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
            String field = "update_mask.paths[" + i + "]";
            if (FIXED.containsKey(root)) {
                violations.add(field, "'" + path + "' cannot change: " + FIXED.get(root) + "; create a new budget instead");
            } else if (!UPDATABLE.contains(path)) {
                violations.add(field, "unknown or not updatable field '" + path + "'; updatable: "
                        + new java.util.TreeSet<>(UPDATABLE));
            } else if (path.equals("limit") && current.countsTokens()) {
                violations.add(field, "'limit' (USD) cannot be set on a token budget: the counted unit would change;"
                        + " update 'limit_tokens' or create a new budget");
            } else if (path.equals("limit_tokens") && !current.countsTokens()) {
                violations.add(field, "'limit_tokens' cannot be set on a USD budget: the counted unit would change;"
                        + " update 'limit' or create a new budget");
            }
        }
        violations.throwIfAny();
        BudgetDraft base = BudgetDraft.of(current);
        boolean thresholds = paths.contains("thresholds") || paths.contains("threshold_percents");
        return new BudgetDraft(base.tenantId(),
                paths.contains("display_name") ? patch.displayName() : base.displayName(),
                base.scope(), base.period(), base.timeZone(),
                paths.contains("limit") ? patch.limitNanos() : base.limitNanos(),
                thresholds ? patch.thresholds() : base.thresholds(),
                paths.contains("enforcement") ? patch.enforcement() : base.enforcement(),
                base.weekStartDay(),
                paths.contains("limit_tokens") ? patch.limitTokens() : base.limitTokens(),
                base.rollingWindow(),
                thresholds ? patch.rules() : base.rules(),
                base.calendar());
    }
}

package io.tokenledger.budget.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A threshold crossing as recorded: once per (budget, window, threshold).
 *
 * @param limitNanos   the limit in the budget's unit (tokens when {@code countsTokens})
 * @param spentNanos   the spend right after the crossing, in the same unit
 * @param countsTokens whether the budget is a token budget
 */
public record BudgetEvent(
        String id,
        String budgetId,
        String tenantId,
        String displayName,
        Map<String, String> scope,
        int thresholdPercent,
        Window window,
        long limitNanos,
        long spentNanos,
        Instant createTime,
        long sequence,
        boolean countsTokens) {

    public BudgetEvent {
        scope = Map.copyOf(scope);
    }

    /** An event of a USD budget. */
    public BudgetEvent(String id, String budgetId, String tenantId, String displayName, Map<String, String> scope,
                       int thresholdPercent, Window window, long limitNanos, long spentNanos, Instant createTime,
                       long sequence) {
        this(id, budgetId, tenantId, displayName, scope, thresholdPercent, window, limitNanos, spentNanos, createTime,
                sequence, false);
    }
}

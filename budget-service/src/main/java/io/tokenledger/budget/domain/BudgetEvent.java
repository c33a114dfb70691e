package io.tokenledger.budget.domain;

import java.time.Instant;
import java.util.Map;

/** A threshold crossing as recorded: once per (budget, window, threshold). */
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
        long sequence) {

    public BudgetEvent {
        scope = Map.copyOf(scope);
    }
}

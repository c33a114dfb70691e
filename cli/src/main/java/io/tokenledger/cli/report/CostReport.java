package io.tokenledger.cli.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The demo's cost report. Every amount comes from the services' APIs (QueryCost, CompareModels, CompareStoredUsage,
 * GetInsights, ListBudgets, ListBudgetEvents); the CLI only divides and subtracts them. Amounts are exact nano-USD.
 */
public record CostReport(
        String tenant,
        String day,
        String rangeStart,
        String rangeEnd,
        Totals total,
        List<CostLine> byFeature,
        List<CostLine> byModel,
        List<CostLine> byTeam,
        List<CostLine> topCustomers,
        List<UnitEconomics> unitEconomics,
        CostShare costShare,
        List<CacheSaving> cacheSavings,
        List<WhatIf> whatIf,
        Alerts alerts,
        List<String> problems,
        List<OutcomeLine> costPerOutcome,
        List<InsightLine> insights) {

    /**
     * One way to save money found by GetInsights over the report's day (computed by attribution from the ledger and the
     * price book), largest saving first.
     */
    public record InsightLine(String kind, String feature, String promptPrefixHash, String model,
                              String suggestedModel, String description, long savingNanos, String savingUsd,
                              Map<String, Long> evidence) {
    }

    /**
     * Cost per outcome of one feature (GetUnitEconomics): cost of all its calls / outcomes, where calls in
     * conversations without an outcome (failures) are part of the cost.
     */
    public record OutcomeLine(String feature, String outcomeType, long outcomes, long requests, long costNanos,
                              long outcomeCostNanos, long failureCostNanos, long costPerOutcomeNanos,
                              String costPerOutcomeUsd) {
    }

    /** The whole tenant's day. */
    public record Totals(long costNanos, String costUsd, long events, long tokens, long unpricedEvents) {
    }

    /** One group of a cost query. */
    public record CostLine(String name, long costNanos, long events, long tokens, long inputTokens,
                           long cachedInputTokens, long outputTokens) {
    }

    /** Cost per request and per 1,000 tokens (all classes) of one feature. */
    public record UnitEconomics(String feature, String model, long events, long tokens, long costNanos,
                                BigDecimal costPerRequestUsd, BigDecimal costPer1kTokensUsd) {
    }

    /** How much of the cost is prompt (uncached input), completion (output + reasoning) and cache reads. */
    public record CostShare(long promptNanos, long completionNanos, long cachedNanos, long otherNanos,
                            BigDecimal promptPercent, BigDecimal completionPercent, BigDecimal cachedPercent) {
    }

    /** What the model's traffic would have cost without prompt caching, and the difference. */
    public record CacheSaving(String model, long cachedInputTokens, long ledgerCostNanos, long uncachedCostNanos,
                              long savedNanos) {
    }

    /** The same traffic priced on the feature's current model and on a cheaper one. */
    public record WhatIf(String feature, String currentModel, String whatIfModel, long ledgerCostNanos,
                         long currentModelCostNanos, long whatIfCostNanos, long savedNanos, BigDecimal savedPercent) {
    }

    /** Budget state and the threshold crossings, as the budget service and the webhook receiver saw them. */
    public record Alerts(List<BudgetLine> budgets, List<AlertEvent> events, int webhooksReceived,
                         int webhooksInvalid, boolean allSignaturesValid) {
    }

    /** A budget's status in the trace day's window. */
    public record BudgetLine(String budgetId, String name, String scope, long limitNanos, long spentNanos,
                             BigDecimal spentPercent, List<Integer> thresholdsCrossed) {
    }

    /** One threshold crossing and whether its webhook arrived with a valid signature. */
    public record AlertEvent(String eventId, String budgetId, String budget, int thresholdPercent, long spentNanos,
                             long limitNanos, String createTime, boolean webhookReceived, boolean signatureValid) {
    }
}

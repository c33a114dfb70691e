package io.tokenledger.cli.report;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.attribution.v1.CompareStoredUsageRequest;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.GetInsightsRequest;
import io.tokenledger.api.attribution.v1.GetInsightsResponse;
import io.tokenledger.api.attribution.v1.Insight;
import io.tokenledger.api.attribution.v1.ModelChoice;
import io.tokenledger.api.attribution.v1.StoredComparison;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsRequest;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsResponse;
import io.tokenledger.api.attribution.v1.UnitEconomicsRow;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.api.attribution.v1.Granularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.BudgetStatus;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsResponse;
import io.tokenledger.api.budget.v1.ListBudgetsRequest;
import io.tokenledger.api.budget.v1.ListBudgetsResponse;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.report.CostReport.AlertEvent;
import io.tokenledger.cli.report.CostReport.Alerts;
import io.tokenledger.cli.report.CostReport.BudgetLine;
import io.tokenledger.cli.report.CostReport.CacheSaving;
import io.tokenledger.cli.report.CostReport.CostLine;
import io.tokenledger.cli.report.CostReport.CostShare;
import io.tokenledger.cli.report.CostReport.InsightLine;
import io.tokenledger.cli.report.CostReport.OutcomeLine;
import io.tokenledger.cli.report.CostReport.Totals;
import io.tokenledger.cli.report.CostReport.UnitEconomics;
import io.tokenledger.cli.report.CostReport.WhatIf;
import io.tokenledger.cli.scenario.FeatureSpec;
import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.webhook.ReceivedWebhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the cost report from the services' APIs only. */
public final class ReportBuilder {

    /** How many insights the report shows. */
    static final int TOP_INSIGHTS = 5;

    private final Clients clients;
    private final Scenario scenario;
    private final Instant dayStart;
    private final Instant dayEnd;

    public ReportBuilder(Clients clients, Scenario scenario, Instant dayStart) {
        this.clients = clients;
        this.scenario = scenario;
        this.dayStart = dayStart;
        this.dayEnd = dayStart.plusSeconds(86_400);
    }

    public QueryCostResponse query(int limit, String... groupBy) {
        return clients.attribution().queryCost(QueryCostRequest.newBuilder()
                .setTenantId(scenario.tenant())
                .setStartTime(ts(dayStart)).setEndTime(ts(dayEnd))
                .addAllGroupBy(List.of(groupBy))
                .setGranularity(Granularity.GRANULARITY_TOTAL)
                .setTimeZone("UTC")
                .setLimit(limit)
                .build());
    }

    public CostReport build(List<BudgetEvent> budgetEvents, List<ReceivedWebhook> webhooks, Instant statusTime) {
        List<String> problems = new ArrayList<>();
        CostRow total = query(0).getTotal();
        if (total.getUnpricedCount() > 0) {
            problems.add(total.getUnpricedCount() + " events are UNPRICED");
        }
        QueryCostResponse byFeatureModel = query(0, "feature", "provider", "model");
        QueryCostResponse byModel = query(0, "provider", "model");
        return new CostReport(
                scenario.tenant(), dayStart.toString().substring(0, 10), dayStart.toString(), dayEnd.toString(),
                new Totals(total.getCostNanos(), Usd.exact(total.getCostNanos()), total.getEventCount(),
                        tokens(total.getTokens()), total.getUnpricedCount()),
                lines(query(0, "feature")),
                lines(byModel),
                lines(query(0, "team")),
                lines(query(10, "customer")),
                unitEconomics(byFeatureModel),
                share(total.getBreakdown(), total.getCostNanos()),
                cacheSavings(byModel),
                whatIf(byFeatureModel, problems),
                alerts(budgetEvents, webhooks, statusTime, problems),
                problems,
                costPerOutcome(),
                insights());
    }

    /** The top savings GetInsights finds in the report's day (default candidates and bloat factor). */
    private List<InsightLine> insights() {
        GetInsightsResponse response = clients.attribution().getInsights(GetInsightsRequest.newBuilder()
                .setTenantId(scenario.tenant()).setStartTime(ts(dayStart)).setEndTime(ts(dayEnd))
                .setLimit(TOP_INSIGHTS).build());
        List<InsightLine> lines = new ArrayList<>();
        for (Insight i : response.getInsightsList()) {
            lines.add(new InsightLine(i.getKind().name().replace("INSIGHT_KIND_", ""), i.getFeature(),
                    i.getPromptPrefixHash(), i.getProvider() + "/" + i.getModel(),
                    i.hasSuggestedModel() ? i.getSuggestedModel().getProvider() + "/" + i.getSuggestedModel().getModel()
                            : "", i.getDescription(), i.getSavingNanos(), Usd.exact(i.getSavingNanos()),
                    new TreeMap<>(i.getEvidenceMap())));
        }
        return lines;
    }

    /** Cost per outcome for every feature whose scenario defines outcomes, over the report's day. */
    private List<OutcomeLine> costPerOutcome() {
        List<OutcomeLine> lines = new ArrayList<>();
        for (FeatureSpec feature : scenario.features()) {
            if (feature.outcomes() == null) {
                continue;
            }
            GetUnitEconomicsResponse response = clients.attribution().getUnitEconomics(
                    GetUnitEconomicsRequest.newBuilder().setTenantId(scenario.tenant())
                            .setStartTime(ts(dayStart)).setEndTime(ts(dayEnd)).addGroupBy("feature")
                            .setOutcomeType(feature.outcomes().type()).build());
            for (UnitEconomicsRow row : response.getRowsList()) {
                if (row.getGroupValues(0).equals(feature.name())) {
                    long perOutcome = row.hasCostPerOutcome() ? nanos(row.getCostPerOutcome()) : 0;
                    lines.add(new OutcomeLine(feature.name(), feature.outcomes().type(), row.getOutcomeCount(),
                            row.getRequestCount(), nanos(row.getCost()), nanos(row.getOutcomeCost()),
                            nanos(row.getFailureCost()), perOutcome, Usd.exact(perOutcome)));
                }
            }
        }
        return lines;
    }

    private static long nanos(Money money) {
        return Math.addExact(Math.multiplyExact(money.getUnits(), 1_000_000_000L), money.getNanos());
    }

    private static List<CostLine> lines(QueryCostResponse response) {
        return response.getRowsList().stream().map(r -> new CostLine(String.join("/", r.getGroupValuesList()),
                r.getCostNanos(), r.getEventCount(), tokens(r.getTokens()), r.getTokens().getInputTokens(),
                r.getTokens().getCachedInputTokens(), r.getTokens().getOutputTokens())).toList();
    }

    private static List<UnitEconomics> unitEconomics(QueryCostResponse byFeatureModel) {
        return byFeatureModel.getRowsList().stream().map(r -> new UnitEconomics(r.getGroupValues(0),
                r.getGroupValues(1) + "/" + r.getGroupValues(2), r.getEventCount(), tokens(r.getTokens()),
                r.getCostNanos(), Usd.perUnit(r.getCostNanos(), r.getEventCount()),
                Usd.perUnit(r.getCostNanos() * 1000, tokens(r.getTokens())))).toList();
    }

    static CostShare share(CostBreakdown b, long totalNanos) {
        long prompt = b.getInputNanos() + b.getCacheWrite5MNanos() + b.getCacheWrite1HNanos()
                + b.getInputAudioNanos() + b.getInputImageNanos();
        long completion = b.getOutputNanos() + b.getReasoningNanos() + b.getOutputAudioNanos()
                + b.getOutputImageNanos();
        long cached = b.getCachedInputNanos();
        long other = totalNanos - prompt - completion - cached;
        return new CostShare(prompt, completion, cached, other, Usd.percent(prompt, totalNanos),
                Usd.percent(completion, totalNanos), Usd.percent(cached, totalNanos));
    }

    /**
     * What prompt caching saved per model: the day's stored calls re-priced one by one without caching (cache reads
     * and writes as fresh input) by CompareStoredUsage. Never one aggregate usage: summed over a day its prompt
     * would pass the long-context thresholds that no single call reaches.
     */
    private List<CacheSaving> cacheSavings(QueryCostResponse byModel) {
        List<CacheSaving> savings = new ArrayList<>();
        for (CostRow row : byModel.getRowsList()) {
            TokenUsage tokens = row.getTokens();
            if (tokens.getCachedInputTokens() + tokens.getCacheWrite5MTokens() + tokens.getCacheWrite1HTokens() == 0) {
                continue;
            }
            StoredComparison uncached = storedComparison(Map.of("provider", row.getGroupValues(0),
                    "model", row.getGroupValues(1)), row.getGroupValues(0), row.getGroupValues(1), true);
            long current = nanos(uncached.getCurrentCost());
            long withoutCache = nanos(uncached.getCandidateCost());
            savings.add(new CacheSaving(row.getGroupValues(0) + "/" + row.getGroupValues(1),
                    tokens.getCachedInputTokens(), current, withoutCache, withoutCache - current));
        }
        return savings;
    }

    private List<WhatIf> whatIf(QueryCostResponse byFeatureModel, List<String> problems) {
        List<WhatIf> result = new ArrayList<>();
        for (CostRow row : byFeatureModel.getRowsList()) {
            String featureName = row.getGroupValues(0);
            FeatureSpec feature = scenario.features().stream().filter(f -> f.name().equals(featureName))
                    .findFirst().orElse(null);
            if (feature == null || feature.whatIf() == null) {
                continue;
            }
            // The day's stored events of the feature on this model, each re-priced on the what-if model at its own
            // time (CompareStoredUsage), so per-call rounding and long-context tiers are exact.
            StoredComparison compared = storedComparison(Map.of("feature", featureName,
                    "provider", row.getGroupValues(1), "model", row.getGroupValues(2)), feature.whatIf().provider(),
                    feature.whatIf().model(), false);
            if (compared.getUnpricedCount() > 0 || compared.getEventCount() == 0) {
                problems.add("what-if model " + feature.whatIf() + " could not price " + compared.getUnpricedCount()
                        + " events: " + compared.getUnpricedReason());
            }
            long now = nanos(compared.getCurrentCost());
            long alt = nanos(compared.getCandidateCost());
            result.add(new WhatIf(featureName, row.getGroupValues(1) + "/" + row.getGroupValues(2),
                    feature.whatIf().toString(), row.getCostNanos(), now, alt, compared.getSavingNanos(),
                    Usd.percent(compared.getSavingNanos(), now)));
        }
        return result;
    }

    private Alerts alerts(List<BudgetEvent> events, List<ReceivedWebhook> webhooks, Instant statusTime,
                          List<String> problems) {
        List<BudgetLine> budgets = new ArrayList<>();
        Map<String, List<Integer>> crossed = new TreeMap<>();
        for (BudgetEvent e : events) {
            crossed.computeIfAbsent(e.getBudgetId(), k -> new ArrayList<>()).add(e.getThresholdPercent());
        }
        for (ListBudgetsResponse page : listBudgets(statusTime)) {
            for (int i = 0; i < page.getBudgetsCount(); i++) {
                Budget budget = page.getBudgets(i);
                BudgetStatus status = page.getStatuses(i);
                budgets.add(new BudgetLine(budget.getBudgetId(), budget.getDisplayName(), scope(budget.getScopeMap()),
                        status.getLimitNanos(), status.getSpentNanos(),
                        Usd.percent(status.getSpentNanos(), status.getLimitNanos()),
                        crossed.getOrDefault(budget.getBudgetId(), List.of())));
            }
        }
        Map<String, ReceivedWebhook> byId = webhooks.stream()
                .collect(Collectors.toMap(ReceivedWebhook::id, w -> w, (a, b) -> a.signatureValid() ? a : b));
        List<AlertEvent> alertEvents = new ArrayList<>();
        for (BudgetEvent e : events) {
            ReceivedWebhook webhook = byId.get(e.getEventId());
            alertEvents.add(new AlertEvent(e.getEventId(), e.getBudgetId(), e.getDisplayName(),
                    e.getThresholdPercent(), Usd.nanos(e.getSpent()),
                    Usd.nanos(e.getLimit()),
                    Instant.ofEpochSecond(e.getCreateTime().getSeconds()).toString(),
                    webhook != null, webhook != null && webhook.signatureValid()));
        }
        int invalid = (int) webhooks.stream().filter(w -> !w.signatureValid()).count();
        long missing = alertEvents.stream().filter(a -> !a.webhookReceived()).count();
        if (invalid > 0) {
            problems.add(invalid + " webhooks had an INVALID signature");
        }
        if (missing > 0) {
            problems.add(missing + " budget events had no webhook delivered");
        }
        return new Alerts(budgets, alertEvents, webhooks.size(), invalid, invalid == 0);
    }

    private List<ListBudgetsResponse> listBudgets(Instant at) {
        List<ListBudgetsResponse> pages = new ArrayList<>();
        String token = "";
        do {
            ListBudgetsResponse page = clients.budget().listBudgets(ListBudgetsRequest.newBuilder()
                    .setTenantId(scenario.tenant()).setPageSize(1000).setPageToken(token).setAtTime(ts(at)).build());
            pages.add(page);
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return pages;
    }

    /** Every threshold crossing of the tenant, oldest first. */
    public List<BudgetEvent> budgetEvents() {
        List<BudgetEvent> events = new ArrayList<>();
        String token = "";
        do {
            ListBudgetEventsResponse page = clients.budget().listBudgetEvents(ListBudgetEventsRequest.newBuilder()
                    .setTenantId(scenario.tenant()).setPageSize(1000).setPageToken(token).build());
            events.addAll(page.getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return events;
    }

    /** The day's stored calls matching the filters, each re-priced on one model at its own time. */
    private StoredComparison storedComparison(Map<String, String> filters, String provider, String model,
                                              boolean withoutCaching) {
        return clients.attribution().compareStoredUsage(CompareStoredUsageRequest.newBuilder()
                .setTenantId(scenario.tenant()).setStartTime(ts(dayStart)).setEndTime(ts(dayEnd)).putAllFilters(filters)
                .addCandidates(ModelChoice.newBuilder().setProvider(provider).setModel(model))
                .setWithoutPromptCaching(withoutCaching).build()).getResults(0);
    }

    static String scope(Map<String, String> scope) {
        return scope.isEmpty() ? "(whole tenant)" : new TreeMap<>(scope).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** All billable tokens of a usage, every class (training counted once per epoch is not needed here). */
    static long tokens(TokenUsage u) {
        return u.getInputTokens() + u.getCachedInputTokens() + u.getCacheWrite5MTokens() + u.getCacheWrite1HTokens()
                + u.getOutputTokens() + u.getReasoningTokens() + u.getInputAudioTokens() + u.getOutputAudioTokens()
                + u.getInputImageTokens() + u.getOutputImageTokens() + u.getEmbeddingTokens() + u.getTrainingTokens();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}

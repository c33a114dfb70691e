package io.tokenledger.cli.report;

import io.tokenledger.cli.report.CostReport.AlertEvent;
import io.tokenledger.cli.report.CostReport.BudgetLine;
import io.tokenledger.cli.report.CostReport.CacheSaving;
import io.tokenledger.cli.report.CostReport.CostLine;
import io.tokenledger.cli.report.CostReport.UnitEconomics;
import io.tokenledger.cli.report.CostReport.WhatIf;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** Prints the cost report as aligned text tables. */
public final class TerminalReport {

    private TerminalReport() {
    }

    public static void print(CostReport r, PrintStream out) {
        out.println();
        out.printf("TokenLedger cost report: tenant %s, %s (UTC)%n", r.tenant(), r.day());
        out.println("=".repeat(72));
        out.printf("Total cost   %s  (exactly %s = %,d nano-USD)%n", Usd.dollars(r.total().costNanos()),
                r.total().costUsd(), r.total().costNanos());
        out.printf("Requests     %,d   tokens %,d   unpriced %d%n", r.total().events(), r.total().tokens(),
                r.total().unpricedEvents());
        section(out, "Cost by feature");
        lines(out, "feature", r.byFeature(), r.total().costNanos());
        section(out, "Cost by model");
        lines(out, "provider/model", r.byModel(), r.total().costNanos());
        section(out, "Cost by team");
        lines(out, "team", r.byTeam(), r.total().costNanos());
        section(out, "Top customers");
        lines(out, "customer", r.topCustomers(), r.total().costNanos());

        section(out, "Unit economics per feature");
        Table unit = new Table("feature", "model", "requests", "cost", "per request", "per 1k tokens");
        for (UnitEconomics u : r.unitEconomics()) {
            unit.row(u.feature(), u.model(), String.format("%,d", u.events()), Usd.dollars(u.costNanos()),
                    "$" + u.costPerRequestUsd().toPlainString(), "$" + u.costPer1kTokensUsd().toPlainString());
        }
        unit.print(out);

        if (!r.costPerOutcome().isEmpty()) {
            section(out, "Cost per outcome (failed conversations included)");
            Table outcomes = new Table("feature", "outcome", "outcomes", "requests", "cost", "of which failures",
                    "per outcome");
            for (CostReport.OutcomeLine o : r.costPerOutcome()) {
                outcomes.row(o.feature(), o.outcomeType(), String.format("%,d", o.outcomes()),
                        String.format("%,d", o.requests()), Usd.dollars(o.costNanos()),
                        Usd.dollars(o.failureCostNanos()), o.costPerOutcomeUsd());
            }
            outcomes.print(out);
        }

        section(out, "Where the cost comes from");
        new Table("token class", "cost", "share")
                .row("prompt (uncached input)", Usd.dollars(r.costShare().promptNanos()),
                        r.costShare().promptPercent() + " %")
                .row("completion (output)", Usd.dollars(r.costShare().completionNanos()),
                        r.costShare().completionPercent() + " %")
                .row("cached input (cache reads)", Usd.dollars(r.costShare().cachedNanos()),
                        r.costShare().cachedPercent() + " %")
                .print(out);

        section(out, "What prompt caching saved");
        Table cache = new Table("model", "cached tokens", "cost", "without cache", "saved");
        for (CacheSaving c : r.cacheSavings()) {
            cache.row(c.model(), String.format("%,d", c.cachedInputTokens()), Usd.dollars(c.ledgerCostNanos()),
                    Usd.dollars(c.uncachedCostNanos()), Usd.dollars(c.savedNanos()));
        }
        cache.print(out);

        section(out, "What if each feature ran on a cheaper model (its stored calls re-priced one by one)");
        Table whatIf = new Table("feature", "now", "cost", "what-if", "cost", "saving");
        for (WhatIf w : r.whatIf()) {
            whatIf.row(w.feature(), w.currentModel(), Usd.dollars(w.currentModelCostNanos()), w.whatIfModel(),
                    Usd.dollars(w.whatIfCostNanos()), Usd.dollars(w.savedNanos()) + " (" + w.savedPercent() + " %)");
        }
        whatIf.print(out);

        section(out, "Where money can be saved (GetInsights, top " + r.insights().size() + ")");
        Table insights = new Table("kind", "feature", "model", "saving");
        for (CostReport.InsightLine i : r.insights()) {
            insights.row(i.kind(), i.feature(), i.model(), Usd.dollars(i.savingNanos()));
        }
        insights.print(out);
        r.insights().forEach(i -> out.println("  - " + i.description()));

        section(out, "Budgets on " + r.day());
        Table budgets = new Table("budget", "scope", "limit", "spent", "used", "alerts fired");
        for (BudgetLine b : r.alerts().budgets()) {
            budgets.row(b.name(), b.scope(), Usd.dollars(b.limitNanos()), Usd.dollars(b.spentNanos()),
                    b.spentPercent() + " %", b.thresholdsCrossed().isEmpty() ? "-"
                            : b.thresholdsCrossed().stream().map(t -> t + "%").collect(Collectors.joining(" ")));
        }
        budgets.print(out);
        section(out, "Budget alerts");
        Table alerts = new Table("budget", "threshold", "spent at crossing", "webhook");
        for (AlertEvent a : r.alerts().events()) {
            alerts.row(a.budget(), a.thresholdPercent() + " %", Usd.dollars(a.spentNanos()),
                    !a.webhookReceived() ? "NOT RECEIVED" : a.signatureValid() ? "received, signature valid"
                            : "received, SIGNATURE INVALID");
        }
        alerts.print(out);
        out.printf("  %d alerts; webhook receiver got %d deliveries, %s%n", r.alerts().events().size(),
                r.alerts().webhooksReceived(), r.alerts().allSignaturesValid() ? "all signatures valid"
                        : r.alerts().webhooksInvalid() + " with an INVALID signature");
        if (!r.problems().isEmpty()) {
            section(out, "PROBLEMS");
            r.problems().forEach(p -> out.println("  - " + p));
        }
        out.println();
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println(title);
    }

    private static void lines(PrintStream out, String label, List<CostLine> lines, long total) {
        Table table = new Table(label, "cost", "share", "requests", "tokens", "input", "cached input", "output");
        for (CostLine l : lines) {
            table.row(l.name(), Usd.dollars(l.costNanos()), Usd.percent(l.costNanos(), total) + " %",
                    String.format("%,d", l.events()), String.format("%,d", l.tokens()),
                    String.format("%,d", l.inputTokens()), String.format("%,d", l.cachedInputTokens()),
                    String.format("%,d", l.outputTokens()));
        }
        table.print(out);
    }
}

package io.tokenledger.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tokenledger.cli.report.CostReport.CacheSaving;
import io.tokenledger.cli.report.CostReport.CostLine;
import io.tokenledger.cli.report.CostReport.UnitEconomics;
import io.tokenledger.cli.report.CostReport.WhatIf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes report.json (the whole report) and report.csv (one row per figure, for spreadsheets). */
public final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    public static void write(CostReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("report.json").toFile(), report);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("report.csv"),
                StandardCharsets.UTF_8))) {
            csv.println("section,name,detail,cost_usd,cost_nanos,requests,tokens");
            csv.println(line("total", report.tenant(), report.day(), report.total().costNanos(),
                    report.total().events(), report.total().tokens()));
            costLines(csv, "feature", report.byFeature());
            costLines(csv, "model", report.byModel());
            costLines(csv, "team", report.byTeam());
            costLines(csv, "top_customer", report.topCustomers());
            for (CostReport.OutcomeLine o : report.costPerOutcome()) {
                csv.println(line("cost_per_outcome", o.feature(), o.outcomeType() + " x" + o.outcomes() + " "
                        + o.costPerOutcomeUsd(), o.costNanos(), o.requests(), 0));
            }
            for (UnitEconomics u : report.unitEconomics()) {
                csv.println(line("cost_per_request", u.feature(), u.model() + " $" + u.costPerRequestUsd(),
                        u.costNanos(), u.events(), u.tokens()));
                csv.println(line("cost_per_1k_tokens", u.feature(), u.model() + " $" + u.costPer1kTokensUsd(),
                        u.costNanos(), u.events(), u.tokens()));
            }
            csv.println(line("cost_share", "prompt", report.costShare().promptPercent() + "%",
                    report.costShare().promptNanos(), 0, 0));
            csv.println(line("cost_share", "completion", report.costShare().completionPercent() + "%",
                    report.costShare().completionNanos(), 0, 0));
            csv.println(line("cost_share", "cached_input", report.costShare().cachedPercent() + "%",
                    report.costShare().cachedNanos(), 0, 0));
            for (CacheSaving c : report.cacheSavings()) {
                csv.println(line("cache_saving", c.model(), "without cache " + Usd.exact(c.uncachedCostNanos()),
                        c.savedNanos(), 0, c.cachedInputTokens()));
            }
            for (WhatIf w : report.whatIf()) {
                csv.println(line("what_if", w.feature(), w.currentModel() + " -> " + w.whatIfModel() + " cost "
                        + Usd.exact(w.whatIfCostNanos()), w.savedNanos(), 0, 0));
            }
            for (CostReport.InsightLine i : report.insights()) {
                csv.println(line("insight", i.kind() + " " + i.feature(), i.description(), i.savingNanos(), 0, 0));
            }
            for (CostReport.BudgetLine b : report.alerts().budgets()) {
                csv.println(line("budget", b.name(), b.scope() + " limit " + Usd.exact(b.limitNanos()) + " used "
                        + b.spentPercent() + "% alerts " + b.thresholdsCrossed(), b.spentNanos(), 0, 0));
            }
            for (CostReport.AlertEvent a : report.alerts().events()) {
                csv.println(line("alert", a.budget(), a.thresholdPercent() + "% webhook "
                        + (a.webhookReceived() ? (a.signatureValid() ? "valid" : "INVALID") : "missing"),
                        a.spentNanos(), 0, 0));
            }
        }
    }

    private static void costLines(PrintWriter csv, String section, List<CostLine> lines) {
        for (CostLine l : lines) {
            csv.println(line(section, l.name(), "", l.costNanos(), l.events(), l.tokens()));
        }
    }

    static String line(String section, String name, String detail, long nanos, long requests, long tokens) {
        return String.join(",", quote(section), quote(name), quote(detail), Usd.of(nanos).toPlainString(),
                Long.toString(nanos), Long.toString(requests), Long.toString(tokens));
    }

    static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}

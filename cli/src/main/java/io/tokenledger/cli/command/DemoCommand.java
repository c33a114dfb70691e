package io.tokenledger.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.Outcome;
import io.tokenledger.api.attribution.v1.RecordOutcomesRequest;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointRequest;
import io.tokenledger.api.budget.v1.WebhookEndpoint;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.cli.report.CostReport;
import io.tokenledger.cli.report.ReportBuilder;
import io.tokenledger.cli.report.ReportFiles;
import io.tokenledger.cli.report.TerminalReport;
import io.tokenledger.cli.scenario.EventPlan;
import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.scenario.ScenarioLoader;
import io.tokenledger.cli.webhook.ReceivedWebhook;
import io.tokenledger.cli.webhook.WebhookReceiver;
import io.tokenledger.cli.webhook.WebhookSignature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code tokenledger demo}: the whole suite on real traffic, then the cost report. */
final class DemoCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Args args;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    DemoCommand(Args args) {
        this.args = args;
    }

    int run() throws Exception {
        long t0 = System.nanoTime();
        Scenario scenario = ScenarioLoader.load(args.option("scenario", ScenarioLoader.DEFAULT));
        Path root = ProjectRoot.find();
        Path outDir = Path.of(args.option("out", "out")).toAbsolutePath();
        int rows = args.intOption("rows", 0, 1);
        int batch = args.intOption("batch", 500, 1);
        int threads = args.intOption("threads", 1, 1);
        Clock clock = Clock.systemUTC();
        EventPlan plan = EventPlan.build(scenario, root, scenario.time().traceStart(clock), rows);
        Instant dayStart = scenario.time().dayStart(clock);
        String day = dayStart.toString().substring(0, 10);
        out.printf("TokenLedger demo: tenant %s, %,d requests from %d traces, replayed as %s from %s%n",
                scenario.tenant(), plan.events().size(), plan.rowsByFeature().size(), day, plan.traceStart());

        List<String> failures = new ArrayList<>();
        try (Session session = Session.start(args, root, outDir.resolve("logs"), out)) {
            ReportBuilder reports = new ReportBuilder(session.clients(), scenario, dayStart);
            String secret = WebhookSignature.newSecret();
            WebhookReceiver receiver = session.register(WebhookReceiver.start(secret, out, DemoCommand::describe));
            WebhookEndpoint endpoint = session.clients().budget().createWebhookEndpoint(
                    CreateWebhookEndpointRequest.newBuilder().setSecret(secret).setEndpoint(WebhookEndpoint.newBuilder()
                            .setTenantId(scenario.tenant()).setUrl(receiver.url())
                            .setDescription("tokenledger demo receiver")).build()).getEndpoint();
            int budgets = Budgets.create(scenario, session.clients(), day);
            out.printf("Webhook receiver %s (endpoint %s); %d budgets created%n", receiver.url(),
                    endpoint.getEndpointId(), budgets);

            out.printf("Replaying %,d events in batches of %d...%n", plan.events().size(), batch);
            Replayer.Result result = Replayer.replay(UsageEvents.toProto(scenario, plan.events()), batch, threads,
                    session.clients(), new ProgressBar(plan.events().size(), err, ProgressBar.stderrIsTerminal()));
            out.printf("Replayed %,d events in %.1f s (%,.0f events/s): %d recorded, %d duplicate, %d queued, "
                            + "%d unpriced%n", result.events(), result.wallNanos() / 1e9, result.eventsPerSecond(),
                    result.count(EventStatus.EVENT_STATUS_RECORDED), result.count(EventStatus.EVENT_STATUS_DUPLICATE),
                    result.count(EventStatus.EVENT_STATUS_QUEUED), result.unpriced());
            result.unpricedReasons().forEach(reason -> out.println("  unpriced: " + reason));

            awaitLedger(reports, plan.events().size(), result.count(EventStatus.EVENT_STATUS_QUEUED) > 0, failures);
            recordOutcomes(scenario, plan, session);
            List<BudgetEvent> events = awaitWebhooks(reports, receiver);
            CostReport report = reports.build(events, receiver.received(), plan.traceStart());
            TerminalReport.print(report, out);
            ReportFiles.write(report, outDir);
            out.printf("Wrote %s and %s%n", outDir.resolve("report.json"), outDir.resolve("report.csv"));
            failures.addAll(report.problems());
        }
        out.printf("Demo finished in %.1f s%s%n", (System.nanoTime() - t0) / 1e9,
                failures.isEmpty() ? "" : " with problems: " + String.join("; ", failures));
        return failures.isEmpty() ? 0 : 1;
    }

    /** The seeded outcomes of the scenario's conversations (e.g. resolved tickets), in batches of 5,000. */
    private void recordOutcomes(Scenario scenario, EventPlan plan, Session session) {
        List<Outcome> outcomes = Conversations.outcomes(scenario, plan.events());
        for (int from = 0; from < outcomes.size(); from += 5_000) {
            session.clients().attribution().recordOutcomes(RecordOutcomesRequest.newBuilder()
                    .addAllOutcomes(outcomes.subList(from, Math.min(outcomes.size(), from + 5_000))).build());
        }
        if (!outcomes.isEmpty()) {
            out.printf("Recorded %,d outcomes (%s)%n", outcomes.size(), outcomes.get(0).getType());
        }
    }

    /** Queued events are finished by ingest's drainer; wait (max 60 s) until the ledger holds every event. */
    private void awaitLedger(ReportBuilder reports, long expected, boolean queued, List<String> failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + (queued ? 60_000_000_000L : 5_000_000_000L);
        CostRow total = reports.query(0).getTotal();
        while (total.getEventCount() < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            total = reports.query(0).getTotal();
        }
        if (total.getEventCount() < expected) {
            failures.add("the ledger holds " + total.getEventCount() + " of " + expected
                    + " events (queued events never completed)");
        }
    }

    /** Waits (max ~15 s) until the receiver got a webhook for every budget event and no new events appear. */
    private List<BudgetEvent> awaitWebhooks(ReportBuilder reports, WebhookReceiver receiver)
            throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<BudgetEvent> events = reports.budgetEvents();
        while (System.nanoTime() < deadline) {
            long delivered = events.stream().map(BudgetEvent::getEventId)
                    .filter(id -> receiver.received().stream().map(ReceivedWebhook::id).anyMatch(id::equals)).count();
            if (delivered == events.size()) {
                Thread.sleep(300);
                List<BudgetEvent> again = reports.budgetEvents();
                if (again.size() == events.size()) {
                    return again;
                }
                events = again;
                continue;
            }
            Thread.sleep(250);
            events = reports.budgetEvents();
        }
        return events;
    }

    static String describe(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode data = node.has("data") ? node.get("data") : node;
            String name = text(data, "display_name", "displayName", "budget_name", "budget");
            String threshold = text(data, "threshold_percent", "thresholdPercent", "threshold");
            String type = text(node, "type");
            String spent = text(data, "spent_usd");
            String limit = text(data, "limit_usd");
            return (type.isEmpty() ? "" : type + ": ") + (name.isEmpty() ? "" : "'" + name + "' ")
                    + (threshold.isEmpty() ? "" : "crossed " + threshold + "%")
                    + (spent.isEmpty() || limit.isEmpty() ? "" : " (spent $" + spent + " of $" + limit + ")");
        } catch (Exception e) {
            return body.length() > 120 ? body.substring(0, 120) + "..." : body;
        }
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isContainerNode()) {
                return value.asText();
            }
        }
        return "";
    }
}

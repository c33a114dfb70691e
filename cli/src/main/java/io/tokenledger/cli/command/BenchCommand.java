package io.tokenledger.cli.command;

import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.cli.infra.CpuTime;
import io.tokenledger.cli.scenario.EventPlan;
import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code tokenledger bench}: end-to-end RecordUsage throughput on the full traces, next to the rate at which
 * PostgreSQL alone accepts the same ledger rows by COPY, measured in the same run on the same database.
 */
final class BenchCommand {

    private final Args args;
    private final PrintStream out = System.out;

    BenchCommand(Args args) {
        this.args = args;
    }

    int run() throws Exception {
        Scenario scenario = ScenarioLoader.load(args.option("scenario", ScenarioLoader.DEFAULT));
        Path root = ProjectRoot.find();
        int rows = args.intOption("rows", 0, 1);
        int batch = args.intOption("batch", 1_000, 1);
        int threads = args.intOption("threads", 4, 1);
        int warmup = args.intOption("warmup", 160_000, 0);
        int runs = args.intOption("runs", 3, 1);
        Path outDir = Path.of(args.option("out", "out")).toAbsolutePath();
        Clock clock = Clock.systemUTC();
        EventPlan plan = EventPlan.build(scenario, root, scenario.time().traceStart(clock), rows);
        List<UsageEvent> events = UsageEvents.toProto(scenario, plan.events());
        String day = scenario.time().dayStart(clock).toString().substring(0, 10);
        out.printf("TokenLedger ingest benchmark: %d runs of %,d events, batches of %d, %d client threads, %d CPUs%n",
                runs, events.size(), batch, threads, Runtime.getRuntime().availableProcessors());
        try (Session session = Session.start(args, root, outDir.resolve("bench-logs"), out)) {
            if (warmup > 0) {
                warmUp(scenario, plan, warmup, batch, threads, session);
            }
            // Several measured runs, each all new events of its own tenant (with the same budgets): the machine's
            // noise between runs is large, so the median is reported next to every run.
            List<MeasuredRun> runsDone = new java.util.ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Scenario measured = r == 1 ? scenario : new Scenario(scenario.tenant() + "-run" + r,
                        scenario.environment(), scenario.seed(), scenario.customers(), scenario.time(),
                        scenario.features(), scenario.budgets());
                Budgets.create(measured, session.clients(), day);
                List<UsageEvent> runEvents = UsageEvents.toProto(measured, plan.events());
                Map<String, Double> before = CpuTime.snapshot(session.services());
                Replayer.Result run = Replayer.replay(runEvents, batch, threads, session.clients(),
                        new ProgressBar(events.size(), System.err, ProgressBar.stderrIsTerminal()));
                runsDone.add(new MeasuredRun(run, CpuTime.used(before, CpuTime.snapshot(session.services()))));
            }
            List<Replayer.Result> results = runsDone.stream().map(MeasuredRun::result).toList();
            MeasuredRun median = runsDone.stream()
                    .sorted(java.util.Comparator.comparingDouble(m -> m.result().eventsPerSecond()))
                    .toList().get(runsDone.size() / 2);
            Replayer.Result result = median.result();
            String memory = io.tokenledger.cli.infra.ServiceLauncher.memory(session.services());
            long recorded = result.count(EventStatus.EVENT_STATUS_RECORDED);
            CopyBaseline.Measurement copy = CopyBaseline.measure(session.infra().infra(), scenario.tenant());
            double ours = result.eventsPerSecond();
            out.println();
            out.printf("Runs: %s events/s%n", String.join(", ", results.stream()
                    .map(r -> String.format("%,.0f", r.eventsPerSecond())).toList()));
            out.printf("End to end (RecordUsage -> price -> ledger -> budgets), median run: %,d events in %.2f s"
                    + " = %,.0f events/s%n", result.events(), result.wallNanos() / 1e9, ours);
            out.printf("  recorded %,d, duplicate %,d, queued %,d, unpriced %,d%n", recorded,
                    result.count(EventStatus.EVENT_STATUS_DUPLICATE), result.count(EventStatus.EVENT_STATUS_QUEUED),
                    result.unpriced());
            out.printf("  RecordUsage latency per batch of %d: p50 %.1f ms, p99 %.1f ms (%d batches)%n", batch,
                    result.latencyMillis(0.50), result.latencyMillis(0.99), result.batchLatencyNanos().length);
            out.printf("  RSS now/peak per service (limit 256 MiB): %s%n", memory);
            out.printf("  CPU per event, from /proc: %s%n", cpuPerEvent(median.cpuSeconds(), result.events()));
            out.printf("PostgreSQL COPY of the same %,d ledger rows (%s, %,d bytes): %.2f s = %,.0f rows/s%n",
                    copy.rows(), copy.ledgerTable(), copy.bytes(), copy.nanos() / 1e9, copy.rowsPerSecond());
            out.printf("Ratio (ours / COPY): %.3f%n", ours / copy.rowsPerSecond());
            boolean ok = results.stream().allMatch(r -> r.count(EventStatus.EVENT_STATUS_QUEUED) == 0
                    && r.count(EventStatus.EVENT_STATUS_RECORDED) + r.count(EventStatus.EVENT_STATUS_DUPLICATE) == events.size());
            return ok ? 0 : 1;
        }
    }

    /**
     * The JVMs compile their hot paths during the first tens of thousands of events: replays the trace (again, on a
     * new tenant each pass, so every event is new) until {@code warmup} events went through, unmeasured.
     */
    private void warmUp(Scenario scenario, EventPlan plan, int warmup, int batch, int threads, Session session)
            throws Exception {
        out.printf("Warm-up: %,d events (not measured)%n", warmup);
        for (int pass = 1, left = warmup; left > 0; pass++) {
            Scenario warm = new Scenario(scenario.tenant() + "-warmup" + pass, scenario.environment(), scenario.seed(),
                    scenario.customers(), scenario.time(), scenario.features(), List.of());
            List<UsageEvent> events = UsageEvents.toProto(warm, plan.events());
            List<UsageEvent> slice = events.subList(0, Math.min(left, events.size()));
            Replayer.replay(slice, batch, threads, session.clients(), new ProgressBar(slice.size(), System.err, false));
            left -= slice.size();
        }
    }

    /** One measured run and the CPU seconds each part used during it. */
    private record MeasuredRun(Replayer.Result result, Map<String, Double> cpuSeconds) {
    }

    /** "152 µs = ingest 30 + attribution 21 + ..." (µs of CPU per event, the total and each part). */
    static String cpuPerEvent(Map<String, Double> seconds, long events) {
        if (seconds == null || seconds.isEmpty()) {
            return "not available (no /proc)";
        }
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return String.format("%.0f µs = ", total * 1e6 / events) + seconds.entrySet().stream()
                .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() * 1e6 / events))
                .collect(Collectors.joining(" + "));
    }
}

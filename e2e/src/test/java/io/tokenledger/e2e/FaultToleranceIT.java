package io.tokenledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.RebuildCountersRequest;
import io.tokenledger.api.budget.v1.WebhookEndpoint;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.cli.command.UsageEvents;
import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.infra.Infra;
import io.tokenledger.cli.infra.RunningServices;
import io.tokenledger.cli.infra.ServiceLauncher;
import io.tokenledger.cli.infra.ServiceLauncher.Svc;
import io.tokenledger.cli.scenario.EventPlan;
import io.tokenledger.cli.scenario.FeatureSpec;
import io.tokenledger.cli.scenario.PlannedEvent;
import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.webhook.ReceivedWebhook;
import io.tokenledger.cli.webhook.WebhookReceiver;
import io.tokenledger.cli.webhook.WebhookSignature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Crash test of the whole suite: replays the first rows of each real trace while SIGKILLing and restarting pricing,
 * attribution, budget and ingest in turn (each kill lands while batches are in flight), then deletes the tenant's
 * Redis keys once and replays the rest. The ledger must equal the trace exactly, every event must be charged exactly
 * once, and no webhook may arrive twice. Expected figures are computed here from the trace rows and the catalog file.
 *
 * <p>After the Redis flush the counters are rebuilt from the ledger with RebuildCounters (its {@code since} reaches
 * yesterday's window, where these events are dated) while no charge is in flight; they must then equal the ledger
 * again, and after the rest of the replay equal the ledger sum of the whole trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceIT {

    static final int ROWS_PER_TRACE = Integer.getInteger("faults.rows", 3_000);
    private static final String DATABASE = "tokenledger_faults";
    /** A Redis db of its own (the machine's db 0/1 are never touched; SuiteEndToEndIT uses 2). */
    private static final int REDIS_DB = 3;
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final List<Svc> KILL_ORDER = List.of(Svc.PRICING, Svc.ATTRIBUTION, Svc.BUDGET, Svc.INGEST);

    private final Path repoRoot = Path.of("").toAbsolutePath().getParent();
    private final String tenant = "faults-" + System.currentTimeMillis();
    private final Instant traceStart = LocalDate.now(ZoneOffset.UTC).minusDays(1)
            .atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC);

    private RunningServices services;
    private Clients clients;
    private WebhookReceiver receiver;
    private Scenario scenario;
    private List<PlannedEvent> planned;
    private List<UsageEvent> events;
    private long[] expectedNanos;
    private final Map<String, String> budgetIdByFeature = new LinkedHashMap<>();
    private Budgets budgets;
    private String tenantBudgetId;

    @BeforeAll
    void startSuite() throws Exception {
        E2eFixtures.recreateDatabase(DATABASE);
        scenario = E2eFixtures.demoScenario(tenant);
        planned = EventPlan.build(scenario, repoRoot, traceStart, ROWS_PER_TRACE).events();
        events = UsageEvents.toProto(scenario, planned);
        expectedNanos = ExpectedCosts.perEvent(repoRoot, planned);

        String secret = WebhookSignature.newSecret();
        receiver = WebhookReceiver.start(secret, QUIET, body -> body);
        Infra infra = new Infra("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "",
                "redis://127.0.0.1:6379/" + REDIS_DB);
        // Short leases and backoffs, so that what a crash leaves PENDING is drained within seconds.
        Map<Svc, Map<String, String>> fast = Map.of(Svc.INGEST, Map.of("INGEST_LEASE", "6s",
                "INGEST_DOWNSTREAM_DEADLINE", "2s", "INGEST_DRAINER_EVERY", "1s",
                "INGEST_DRAINER_INITIAL_BACKOFF", "200ms", "INGEST_DRAINER_MAX_BACKOFF", "2s"));
        services = ServiceLauncher.start(repoRoot, infra, repoRoot.resolve("e2e/target/fault-logs"), QUIET, fast);
        clients = new Clients(services);
        clients.budget().createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder()
                .setEndpoint(WebhookEndpoint.newBuilder().setTenantId(tenant).setUrl(receiver.url()))
                .setSecret(secret).build());
        budgets = new Budgets(clients, tenant, traceStart);
        for (FeatureSpec feature : scenario.features()) {
            budgetIdByFeature.put(feature.name(), budgets.create(feature.name(), Map.of("feature", feature.name()),
                    1_000_000_000_000_000L, List.of(100)));
        }
        long total = java.util.Arrays.stream(expectedNanos).sum();
        // Crossed during the crashes: each threshold is written once at most, whatever is retried.
        tenantBudgetId = budgets.create("all of " + tenant, Map.of(), total / 2, List.of(25, 50, 100));
    }

    @AfterAll
    void stopSuite() {
        if (clients != null) {
            clients.close();
        }
        if (services != null) {
            services.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theLedgerEqualsTheTraceAfterCrashesAndARedisFlush() throws Exception {
        long t0 = System.nanoTime();
        int flushAt = events.size() * 4 / 5;
        int segment = flushAt / KILL_ORDER.size();
        FaultSender sender = new FaultSender(clients, 100);
        for (int k = 0; k < KILL_ORDER.size(); k++) {
            Svc victim = KILL_ORDER.get(k);
            int end = k == KILL_ORDER.size() - 1 ? flushAt : (k + 1) * segment;
            Thread traffic = sender.sendInBackground(events.subList(k * segment, end), 40);
            Thread.sleep(300);
            ServiceLauncher.kill(services, victim);
            Thread.sleep(700);
            ServiceLauncher.restart(services, repoRoot, victim);
            traffic.join();
            sender.rethrow();
            System.out.printf("fault %d: killed and restarted %s; answers so far %s, %d resends%n", k + 1,
                    victim.module(), sender.counts(), sender.retries());
        }
        awaitNoPendingEvents();
        assertLedgerEquals(0, flushAt);
        // Exactly once across four crashes: every budget counter equals the ledger sum for its scope.
        assertCountersEqual(0, flushAt);

        long deleted = RedisKeys.deleteTenantKeys(REDIS_DB, tenant);
        System.out.printf("deleted %d Redis keys of %s%n", deleted, tenant);
        assertThat(deleted).isPositive();
        clients.budget().rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant)
                .setSince(UsageEvents.timestamp(traceStart)).build());
        // Rebuilt exactly from the ledger.
        assertCountersEqual(0, flushAt);
        Thread traffic = sender.sendInBackground(events.subList(flushAt, events.size()), 0);
        traffic.join();
        sender.rethrow();
        awaitNoPendingEvents();

        assertLedgerEquals(0, events.size());
        // Each later event counted once on top of the rebuilt counters: every counter equals the ledger sum.
        assertCountersEqual(0, events.size());
        assertWebhooksDeliveredOnce();
        Map<EventStatus, Long> counts = sender.counts();
        System.out.printf("fault test: %,d events, answers %s, %.1f s%n", events.size(), counts,
                (System.nanoTime() - t0) / 1e9);
        // The downstream crashes were seen by the clients as QUEUED answers, completed later by the drainer.
        assertThat(counts.getOrDefault(EventStatus.EVENT_STATUS_QUEUED, 0L)).isPositive();
    }

    private void awaitNoPendingEvents() throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "postgres", "")) {
            while (true) {
                try (Statement sql = db.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT count(*) FILTER (WHERE status = 'PENDING'), count(*)"
                             + " FROM ingest.inbox WHERE tenant_id = '" + tenant + "'")) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                    assertThat(System.nanoTime()).as("%d events still PENDING", rows.getLong(1)).isLessThan(deadline);
                }
                Thread.sleep(250);
            }
        }
    }

    private void assertLedgerEquals(int from, int to) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        Map<String, Long> count = new LinkedHashMap<>();
        long input = 0;
        long cached = 0;
        long output = 0;
        for (int i = from; i < to; i++) {
            String feature = planned.get(i).feature().name();
            nanos.merge(feature, expectedNanos[i], Long::sum);
            count.merge(feature, 1L, Long::sum);
            input += events.get(i).getUsage().getInputTokens();
            cached += events.get(i).getUsage().getCachedInputTokens();
            output += events.get(i).getUsage().getOutputTokens();
        }
        QueryCostResponse byFeature = clients.attribution().queryCost(QueryCostRequest.newBuilder()
                .setTenantId(tenant).setStartTime(UsageEvents.timestamp(traceStart.minusSeconds(86_400)))
                .setEndTime(UsageEvents.timestamp(traceStart.plusSeconds(7 * 86_400))).addGroupBy("feature").build());
        Map<String, Long> actualNanos = new LinkedHashMap<>();
        Map<String, Long> actualCount = new LinkedHashMap<>();
        for (CostRow row : byFeature.getRowsList()) {
            actualNanos.put(row.getGroupValues(0), row.getCostNanos());
            actualCount.put(row.getGroupValues(0), row.getEventCount());
        }
        assertThat(actualCount).containsExactlyInAnyOrderEntriesOf(count);
        assertThat(actualNanos).containsExactlyInAnyOrderEntriesOf(nanos);
        assertThat(byFeature.getTotal().getTokens().getInputTokens()).isEqualTo(input);
        assertThat(byFeature.getTotal().getTokens().getCachedInputTokens()).isEqualTo(cached);
        assertThat(byFeature.getTotal().getTokens().getOutputTokens()).isEqualTo(output);
    }

    /** Counters cover the budget's window (the day of the trace start); events of a later day are left out. */
    private void assertCountersEqual(int from, int to) {
        Map<String, Long> byFeature = new LinkedHashMap<>();
        budgetIdByFeature.keySet().forEach(f -> byFeature.put(f, 0L));
        long total = 0;
        LocalDate day = traceStart.atZone(ZoneOffset.UTC).toLocalDate();
        for (int i = from; i < to; i++) {
            if (planned.get(i).occurredTime().atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                byFeature.merge(planned.get(i).feature().name(), expectedNanos[i], Long::sum);
                total += expectedNanos[i];
            }
        }
        byFeature.forEach((feature, nanos) ->
                assertThat(budgets.spentNanos(budgetIdByFeature.get(feature))).as("spent of %s", feature)
                        .isEqualTo(nanos));
        assertThat(budgets.spentNanos(tenantBudgetId)).isEqualTo(total);
    }

    private void assertWebhooksDeliveredOnce() throws InterruptedException {
        List<BudgetEvent> crossings = clients.budget().listBudgetEvents(ListBudgetEventsRequest.newBuilder()
                .setTenantId(tenant).setBudgetId(tenantBudgetId).build()).getEventsList();
        assertThat(crossings).extracting(BudgetEvent::getThresholdPercent).doesNotHaveDuplicates().isNotEmpty();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (receiver.received().size() < crossings.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000); // Long enough for a duplicate delivery to show up, were there one.
        List<ReceivedWebhook> received = receiver.received();
        Set<String> ids = new HashSet<>();
        received.forEach(w -> assertThat(ids.add(w.id())).as("webhook %s delivered twice", w.id()).isTrue());
        assertThat(received).allMatch(ReceivedWebhook::signatureValid);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(crossings.stream().map(BudgetEvent::getEventId).toList());
    }
}

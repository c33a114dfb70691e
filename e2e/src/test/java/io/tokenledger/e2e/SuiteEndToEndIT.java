package io.tokenledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointRequest;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.WebhookEndpoint;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.cli.command.ProgressBar;
import io.tokenledger.cli.command.Replayer;
import io.tokenledger.cli.command.UsageEvents;
import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.infra.Infra;
import io.tokenledger.cli.infra.RunningServices;
import io.tokenledger.cli.infra.ServiceLauncher;
import io.tokenledger.cli.scenario.EventPlan;
import io.tokenledger.cli.scenario.FeatureSpec;
import io.tokenledger.cli.scenario.PlannedEvent;
import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.webhook.ReceivedWebhook;
import io.tokenledger.cli.webhook.WebhookReceiver;
import io.tokenledger.cli.webhook.WebhookSignature;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole suite as real processes: the four packaged services, the machine's PostgreSQL (a fresh database) and
 * Redis, real gRPC. Replays the first 2,000 rows of each real trace and checks the ledger, the budget counters,
 * idempotent replay and the signed webhooks against figures this test computes on its own from the trace rows and
 * the catalog file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteEndToEndIT {

    private static final int ROWS_PER_TRACE = 2_000;
    private static final String DATABASE = "tokenledger_e2e";
    private static final String REDIS_URL = "redis://127.0.0.1:6379/2";
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private final Path repoRoot = Path.of("").toAbsolutePath().getParent();
    // A tenant of its own per run: the Redis keys of earlier runs can never collide with this one.
    private final String tenant = "e2e-" + System.currentTimeMillis();
    private final Instant traceStart = LocalDate.now(ZoneOffset.UTC).minusDays(1)
            .atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC);

    private RunningServices services;
    private Clients clients;
    private WebhookReceiver receiver;
    private Scenario scenario;
    private List<UsageEvent> events;
    private final Map<String, Long> expectedNanosByFeature = new LinkedHashMap<>();
    private final Map<String, String> budgetIdByFeature = new LinkedHashMap<>();
    private long expectedTotalNanos;
    private String tenantBudgetId;

    @BeforeAll
    void startSuite() throws Exception {
        E2eFixtures.recreateDatabase(DATABASE);
        scenario = E2eFixtures.demoScenario(tenant);
        EventPlan plan = EventPlan.build(scenario, repoRoot, traceStart, ROWS_PER_TRACE);
        events = UsageEvents.toProto(scenario, plan.events());
        computeExpectedCosts(plan);

        String secret = WebhookSignature.newSecret();
        receiver = WebhookReceiver.start(secret, QUIET, body -> body);
        Infra infra = new Infra("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "", REDIS_URL);
        services = ServiceLauncher.start(repoRoot, infra, repoRoot.resolve("e2e/target/service-logs"), QUIET);
        clients = new Clients(services);

        clients.budget().createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder()
                .setEndpoint(WebhookEndpoint.newBuilder().setTenantId(tenant).setUrl(receiver.url()))
                .setSecret(secret).build());
        for (FeatureSpec feature : scenario.features()) {
            // Limits far above the spend: these budgets only count.
            budgetIdByFeature.put(feature.name(), createBudget(feature.name(), Map.of("feature", feature.name()),
                    1_000_000_000_000_000L, List.of(100)));
        }
        // The tenant budget's limit is 3/4 of the expected spend, so the replay crosses 50 % and 100 %, not 200 %.
        tenantBudgetId = createBudget("all of " + tenant, Map.of(), expectedTotalNanos * 3 / 4, List.of(50, 100, 200));
    }

    /** Sums {@link ExpectedCosts} (computed from the trace rows and the catalog file alone) per feature. */
    private void computeExpectedCosts(EventPlan plan) throws Exception {
        List<PlannedEvent> planned = plan.events();
        long[] perEvent = ExpectedCosts.perEvent(repoRoot, planned);
        for (int i = 0; i < planned.size(); i++) {
            expectedNanosByFeature.merge(planned.get(i).feature().name(), perEvent[i], Long::sum);
            expectedTotalNanos += perEvent[i];
        }
        assertThat(planned).hasSize(3 * ROWS_PER_TRACE);
        assertThat(expectedNanosByFeature).hasSize(3);
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
    @Order(1)
    void ledgerTotalsPerFeatureEqualTheHandComputedSums() throws Exception {
        Replayer.Result result = Replayer.replay(events, 500, 2, clients, new ProgressBar(events.size(), QUIET, false));

        assertThat(result.count(EventStatus.EVENT_STATUS_RECORDED)).isEqualTo(3L * ROWS_PER_TRACE);
        assertThat(result.unpriced()).isZero();
        assertLedgerMatchesExpectation();
    }

    @Test
    @Order(2)
    void everyEventWasChargedExactlyOnceInRedis() {
        expectedNanosByFeature.forEach((feature, nanos) ->
                assertThat(spentNanos(budgetIdByFeature.get(feature))).as("spent of %s", feature).isEqualTo(nanos));
        assertThat(spentNanos(tenantBudgetId)).isEqualTo(expectedTotalNanos);
    }

    @Test
    @Order(3)
    void replayingTheSameEventsChangesNothing() throws Exception {
        Replayer.Result again = Replayer.replay(events, 500, 2, clients, new ProgressBar(events.size(), QUIET, false));

        assertThat(again.count(EventStatus.EVENT_STATUS_DUPLICATE)).isEqualTo(3L * ROWS_PER_TRACE);
        assertLedgerMatchesExpectation();
        everyEventWasChargedExactlyOnceInRedis();
    }

    @Test
    @Order(4)
    void thresholdWebhooksArriveOnceWithValidSignatures() throws Exception {
        List<BudgetEvent> crossings = clients.budget().listBudgetEvents(ListBudgetEventsRequest.newBuilder()
                .setTenantId(tenant).setBudgetId(tenantBudgetId).build()).getEventsList();
        assertThat(crossings).extracting(BudgetEvent::getThresholdPercent).containsExactlyInAnyOrder(50, 100);
        assertThat(clients.budget().listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant).build())
                .getEventsList()).hasSize(2);

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (receiver.received().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // Long enough for a duplicate delivery to show up, were there one.
        List<ReceivedWebhook> received = receiver.received();
        assertThat(received).hasSize(2).allMatch(ReceivedWebhook::signatureValid);
        assertThat(received).extracting(ReceivedWebhook::id)
                .containsExactlyInAnyOrderElementsOf(crossings.stream().map(BudgetEvent::getEventId).toList());
        assertThat(received).allSatisfy(w -> assertThat(w.body()).contains(tenantBudgetId));
    }

    @Test
    @Order(5)
    void anUnknownModelIsRecordedUnpricedNeverAsFree() {
        UsageEvent unknown = events.get(0).toBuilder().setEventId("unknown-model-1").setModel("gpt-9-imaginary").build();

        EventResult result = clients.ingest(30).recordUsage(RecordUsageRequest.newBuilder().addEvents(unknown).build())
                .getResults(0);

        assertThat(result.getStatus()).isEqualTo(EventStatus.EVENT_STATUS_RECORDED);
        assertThat(result.getPricingStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(result.getUnpricedReason()).contains("gpt-9-imaginary");
        QueryCostResponse byStatus = query(List.of("pricing_status"));
        assertThat(byStatus.getTotal().getUnpricedCount()).isEqualTo(1);
        assertThat(byStatus.getTotal().getEventCount()).isEqualTo(3L * ROWS_PER_TRACE + 1);
        assertThat(byStatus.getTotal().getCostNanos()).isEqualTo(expectedTotalNanos);
    }

    @Test
    @Order(6)
    void aBatchWithOneBadEventIsRejectedWholeNamingTheField() throws Exception {
        UsageEvent good = events.get(0).toBuilder().setEventId("batch-good-1").build();
        UsageEvent bad = events.get(1).toBuilder().setEventId("batch-bad-1")
                .setUsage(TokenUsage.newBuilder().setInputTokens(-5).setOutputTokens(3)).build();

        assertThatThrownBy(() -> clients.ingest(30).recordUsage(
                RecordUsageRequest.newBuilder().addEvents(good).addEvents(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(fieldViolations(e)).contains("events[1].usage.input_tokens");
                });
        // Nothing of that batch was written: the good event is new when sent on its own.
        assertThat(clients.ingest(30).recordUsage(RecordUsageRequest.newBuilder().addEvents(good).build())
                .getResults(0).getStatus()).isEqualTo(EventStatus.EVENT_STATUS_RECORDED);
    }

    /**
     * An OpenTelemetry-instrumented client: spans made by the official Java SDK, sent by its OTLP/HTTP exporter to
     * the ingest process's /v1/traces, under a tenant of their own (the assertions above are untouched).
     */
    @Test
    @Order(7)
    void openTelemetrySpansBecomePricedLedgerRowsOnceAndAreCharged() throws Exception {
        String otelTenant = tenant + "-otel";
        Budgets budgets = new Budgets(clients, otelTenant, traceStart);
        String featureBudget = budgets.create("otel-chat", Map.of("feature", "otel-chat"), 1_000_000_000_000L,
                List.of(100));
        Instant begin = traceStart.plusSeconds(2 * 3600);
        OtelSpans spans = OtelSpans.record(Attributes.of(
                AttributeKey.stringKey("service.name"), "otel-e2e-bot",
                AttributeKey.stringKey("tokenledger.tenant"), otelTenant,
                AttributeKey.stringKey("tokenledger.team"), "otel-team"), tracer -> {
                    Span haiku = tracer.spanBuilder("chat claude-haiku-4-5").setSpanKind(SpanKind.CLIENT)
                            .setStartTimestamp(begin)
                            .setAttribute("gen_ai.operation.name", "chat")
                            .setAttribute("gen_ai.provider.name", "anthropic")
                            .setAttribute("gen_ai.request.model", "claude-haiku-4-5")
                            .setAttribute("gen_ai.usage.input_tokens", 12_000L)
                            .setAttribute("gen_ai.usage.cache_read.input_tokens", 8_000L)
                            .setAttribute("gen_ai.usage.cache_creation.input_tokens", 2_000L)
                            .setAttribute("gen_ai.usage.output_tokens", 900L)
                            .setAttribute("gen_ai.usage.reasoning.output_tokens", 400L)
                            .setAttribute("tokenledger.feature", "otel-chat")
                            .startSpan();
                    haiku.end(begin.plusSeconds(3));
                    // Deprecated and pre-standard names, as older instrumentations still emit them.
                    Span mini = tracer.spanBuilder("openai.chat").setStartTimestamp(begin)
                            .setAttribute("gen_ai.system", "openai")
                            .setAttribute("gen_ai.request.model", "gpt-5-mini")
                            .setAttribute("gen_ai.usage.prompt_tokens", 3_000L)
                            .setAttribute("gen_ai.usage.cache_read_input_tokens", 1_000L)
                            .setAttribute("gen_ai.usage.completion_tokens", 700L)
                            .setAttribute("tokenledger.feature", "otel-chat")
                            .startSpan();
                    mini.end(begin.plusSeconds(2));
                    // Not a GenAI span: ignored, not an event.
                    tracer.spanBuilder("GET /health").setStartTimestamp(begin)
                            .setAttribute("http.request.method", "GET").startSpan().end(begin.plusMillis(5));
                });
        String endpoint = "http://127.0.0.1:" + services.ingestPort() + "/v1/traces";

        // The OTel conventions count cache reads/writes inside input and reasoning inside output; the ledger's
        // classes are disjoint. Catalog prices (USD per 1M, pricing-service/src/main/resources/catalog/prices.csv):
        // anthropic/claude-haiku-4-5: input 1, cached_input 0.1, cache_write_5m 1.25, output 5, reasoning empty
        //   (billed at the output price). Input 12,000 - 8,000 read - 2,000 written = 2,000; output 900 - 400 = 500:
        //   2,000 x 1 + 8,000 x 0.1 + 2,000 x 1.25 + 500 x 5 + 400 x 5 = 2,000 + 800 + 2,500 + 2,500 + 2,000
        //   = 9,800 USD/1M tokens = $0.0098 = 9,800,000 nano-USD.
        // openai/gpt-5-mini: input 0.25, cached_input 0.025, output 2. Prompt 3,000 - 1,000 read = 2,000:
        //   2,000 x 0.25 + 1,000 x 0.025 + 700 x 2 = 500 + 25 + 1,400 = 1,925 USD/1M = 1,925,000 nano-USD.
        // Total 9,800,000 + 1,925,000 = 11,725,000 nano-USD.
        long haikuNanos = 9_800_000L;
        long miniNanos = 1_925_000L;
        Path catalog = repoRoot.resolve("pricing-service/src/main/resources/catalog/prices.csv");
        assertThat(CatalogPrices.of(catalog, "anthropic", "claude-haiku-4-5")).as("prices used above").isEqualTo(
                new CatalogPrices(new BigDecimal("1"), new BigDecimal("0.1"), new BigDecimal("5"),
                        new BigDecimal("1.25"), null));
        assertThat(CatalogPrices.of(catalog, "openai", "gpt-5-mini")).as("prices used above").isEqualTo(
                new CatalogPrices(new BigDecimal("0.25"), new BigDecimal("0.025"), new BigDecimal("2"), null, null));

        assertThat(spans.exportTo(endpoint)).isTrue();
        Map<String, Long> expectedRows = Map.of(spans.spanId("chat claude-haiku-4-5"), haikuNanos,
                spans.spanId("openai.chat"), miniNanos);
        assertThat(awaitLedgerRows(otelTenant, 2)).isEqualTo(expectedRows);
        assertOtelLedger(otelTenant, haikuNanos, miniNanos);
        assertThat(budgets.spentNanos(featureBudget)).isEqualTo(haikuNanos + miniNanos);

        // A re-export of the very same spans (same span ids) is a duplicate: nothing more in the ledger or budget.
        assertThat(spans.exportTo(endpoint)).isTrue();
        Thread.sleep(3_000); // Longer than a drainer round (2 s), were anything re-queued.
        assertThat(ledgerRows(otelTenant)).isEqualTo(expectedRows);
        assertOtelLedger(otelTenant, haikuNanos, miniNanos);
        assertThat(budgets.spentNanos(featureBudget)).isEqualTo(haikuNanos + miniNanos);
    }

    private void assertOtelLedger(String otelTenant, long haikuNanos, long miniNanos) {
        QueryCostResponse byModel = clients.attribution().queryCost(QueryCostRequest.newBuilder()
                .setTenantId(otelTenant)
                .setStartTime(timestamp(traceStart.minusSeconds(3600)))
                .setEndTime(timestamp(traceStart.plusSeconds(86_400)))
                .addGroupBy("model").addGroupBy("feature").addGroupBy("team").build());
        Map<String, Long> costs = new LinkedHashMap<>();
        byModel.getRowsList().forEach(row -> costs.put(String.join("/", row.getGroupValuesList()), row.getCostNanos()));
        assertThat(costs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "claude-haiku-4-5/otel-chat/otel-team", haikuNanos, "gpt-5-mini/otel-chat/otel-team", miniNanos));
        CostRow total = byModel.getTotal();
        assertThat(total.getEventCount()).isEqualTo(2);
        assertThat(total.getUnpricedCount()).isZero();
        assertThat(total.getCostNanos()).isEqualTo(haikuNanos + miniNanos);
        assertThat(total.getTokens()).isEqualTo(TokenUsage.newBuilder().setInputTokens(2_000 + 2_000)
                .setCachedInputTokens(8_000 + 1_000).setCacheWrite5MTokens(2_000).setOutputTokens(500 + 700)
                .setReasoningTokens(400).build());
    }

    /** The tenant's ledger rows (event id -> cost) once there are {@code count}, read from attribution's table. */
    private Map<String, Long> awaitLedgerRows(String otelTenant, int count) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, Long> rows = ledgerRows(otelTenant);
        while (rows.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(250);
            rows = ledgerRows(otelTenant);
        }
        return rows;
    }

    private Map<String, Long> ledgerRows(String otelTenant) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "");
             PreparedStatement sql = db.prepareStatement("SELECT event_id, cost_nanos, pricing_status"
                     + " FROM attribution.cost_ledger WHERE tenant_id = ?")) {
            sql.setString(1, otelTenant);
            try (ResultSet result = sql.executeQuery()) {
                while (result.next()) {
                    assertThat(result.getString(3)).as("pricing status of %s", result.getString(1)).isEqualTo("PRICED");
                    assertThat(rows.put(result.getString(1), result.getLong(2))).as("one row per span").isNull();
                }
            }
        }
        return rows;
    }

    private void assertLedgerMatchesExpectation() {
        QueryCostResponse byFeature = query(List.of("feature"));
        Map<String, Long> actual = new LinkedHashMap<>();
        for (CostRow row : byFeature.getRowsList()) {
            actual.put(row.getGroupValues(0), row.getCostNanos());
            assertThat(row.getEventCount()).isEqualTo(ROWS_PER_TRACE);
            assertThat(row.getCost().getUnits() * 1_000_000_000L + row.getCost().getNanos()).isEqualTo(row.getCostNanos());
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expectedNanosByFeature);
        assertThat(byFeature.getTotal().getCostNanos()).isEqualTo(expectedTotalNanos);
        long inputTokens = events.stream().mapToLong(e -> e.getUsage().getInputTokens()).sum();
        long cachedTokens = events.stream().mapToLong(e -> e.getUsage().getCachedInputTokens()).sum();
        long outputTokens = events.stream().mapToLong(e -> e.getUsage().getOutputTokens()).sum();
        assertThat(byFeature.getTotal().getTokens().getInputTokens()).isEqualTo(inputTokens);
        assertThat(byFeature.getTotal().getTokens().getCachedInputTokens()).isEqualTo(cachedTokens);
        assertThat(byFeature.getTotal().getTokens().getOutputTokens()).isEqualTo(outputTokens);
    }

    private QueryCostResponse query(List<String> groupBy) {
        return clients.attribution().queryCost(QueryCostRequest.newBuilder().setTenantId(tenant)
                .setStartTime(timestamp(traceStart.minusSeconds(3600)))
                .setEndTime(timestamp(traceStart.plusSeconds(86_400)))
                .addAllGroupBy(groupBy).build());
    }

    private String createBudget(String name, Map<String, String> scope, long limitNanos, List<Integer> thresholds) {
        return clients.budget().createBudget(CreateBudgetRequest.newBuilder()
                .setRequestId("e2e-" + name)
                .setBudget(Budget.newBuilder().setTenantId(tenant).setDisplayName(name).putAllScope(scope)
                        .setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setTimeZone("UTC")
                        .setLimit(Money.newBuilder().setCurrencyCode("USD")
                                .setUnits(limitNanos / 1_000_000_000L).setNanos((int) (limitNanos % 1_000_000_000L))).addAllThresholdPercents(thresholds))
                .build()).getBudget().getBudgetId();
    }

    private long spentNanos(String budgetId) {
        return clients.budget().getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budgetId)
                .setAtTime(timestamp(traceStart)).build()).getStatus().getSpentNanos();
    }

    private static List<String> fieldViolations(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(d -> {
                    try {
                        return d.unpack(BadRequest.class).getFieldViolationsList().stream();
                    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                        throw new IllegalStateException(x);
                    }
                })
                .map(BadRequest.FieldViolation::getField).toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return UsageEvents.timestamp(instant);
    }
}

package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.GetBudgetResponse;
import io.tokenledger.api.budget.v1.ListBudgetsRequest;
import io.tokenledger.api.budget.v1.ListBudgetsResponse;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Budgets, charging and checks through the real gRPC edge, against the local PostgreSQL and Redis (db 1). */
@QuarkusTest
class BudgetServiceTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "test-" + UUID.randomUUID();
    /** Noon UTC today: every charge and read of a test lands in one known UTC day. */
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    /** A second tenant, for batches that mix tenants. */
    final String otherTenant = "test-" + UUID.randomUUID();

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
        TestRedis.deleteTenantKeys(redis, otherTenant);
    }

    @Test
    void createBudgetIsIdempotentPerRequestId() {
        Budget first = create(budget("daily", Map.of("team", "support"), 10 * USD, List.of(50, 80, 100)), "req-1");
        Budget retry = create(budget("daily", Map.of("team", "support"), 10 * USD, List.of(50, 80, 100)), "req-1");
        Budget other = create(budget("daily", Map.of("team", "support"), 10 * USD, List.of(50, 80, 100)), "req-2");

        assertThat(first.getBudgetId()).startsWith("bud_");
        assertThat(retry.getBudgetId()).isEqualTo(first.getBudgetId());
        assertThat(retry.getEtag()).isEqualTo(first.getEtag());
        assertThat(other.getBudgetId()).isNotEqualTo(first.getBudgetId());
        assertThat(first.getLimit()).isEqualTo(ProtoMoney.of(10 * USD));
        assertThat(first.getTimeZone()).isEqualTo("UTC");
        assertThat(first.getThresholdPercentsList()).containsExactly(50, 80, 100);
        assertThat(first.getScopeMap()).containsExactlyEntriesOf(Map.of("team", "support"));
    }

    @Test
    void sameEventChargedTwiceCountsOnce() {
        Budget budget = create(budget("daily", Map.of(), 10 * USD, List.of(100)), "");

        ChargeSpendResponse first = charge(charge("evt-1", 1_250_000_000L, Map.of("team", "support")));
        ChargeSpendResponse again = charge(charge("evt-1", 1_250_000_000L, Map.of("team", "support")),
                charge("evt-2", 500_000_000L, Map.of()), charge("evt-2", 500_000_000L, Map.of()));

        assertThat(first.getResults(0).getStatus()).isEqualTo(ChargeStatus.CHARGE_STATUS_CHARGED);
        assertThat(first.getResults(0).getBudgetIdsList()).containsExactly(budget.getBudgetId());
        assertThat(again.getResultsList()).extracting(r -> r.getStatus()).containsExactly(
                ChargeStatus.CHARGE_STATUS_DUPLICATE, ChargeStatus.CHARGE_STATUS_CHARGED, ChargeStatus.CHARGE_STATUS_DUPLICATE);
        assertThat(again.getResults(0).getBudgetIdsList()).isEmpty();

        // $1.25 + $0.50, each once = $1.75; remaining $10 - $1.75 = $8.25.
        GetBudgetResponse got = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(budget.getBudgetId()).setAtTime(ts(noon)).build());
        assertThat(got.getStatus().getSpentNanos()).isEqualTo(1_750_000_000L);
        assertThat(got.getStatus().getRemaining()).isEqualTo(Money.newBuilder().setCurrencyCode("USD").setUnits(8).setNanos(250_000_000).build());
        assertThat(got.getStatus().getWindowStartTime()).isEqualTo(ts(noon.truncatedTo(ChronoUnit.DAYS)));
        assertThat(got.getStatus().getWindowEndTime()).isEqualTo(ts(noon.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)));

        // The previous day's window has nothing.
        GetBudgetResponse yesterday = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(budget.getBudgetId()).setAtTime(ts(noon.minus(1, ChronoUnit.DAYS))).build());
        assertThat(yesterday.getStatus().getSpentNanos()).isZero();
        assertThat(yesterday.getStatus().getRemaining()).isEqualTo(ProtoMoney.of(10 * USD));
    }

    @Test
    void largeLimitsAndCountersChargeAndRetryExactly() {
        // A $1B limit (10^18 nano-USD: its 80 % mark as a product overflowed a long, and every charge failed) and a
        // $150,000.000422250 charge (the dedupe record used to store the counter as "1.5000000042225e+14", which a
        // retry could not read back).
        Budget budget = create(budget("daily", Map.of(), 1_000_000_000 * USD, List.of(80, 100)), "");
        long amount = 150_000_000_422_250L;

        ChargeSpendResponse first = charge(charge("big-1", amount, Map.of()));
        ChargeSpendResponse retry = charge(charge("big-1", amount, Map.of()));

        assertThat(first.getResults(0).getStatus()).isEqualTo(ChargeStatus.CHARGE_STATUS_CHARGED);
        assertThat(first.getResults(0).getBudgetIdsList()).containsExactly(budget.getBudgetId());
        assertThat(retry.getResults(0).getStatus()).isEqualTo(ChargeStatus.CHARGE_STATUS_DUPLICATE);
        GetBudgetResponse got = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(budget.getBudgetId()).setAtTime(ts(noon)).build());
        assertThat(got.getStatus().getSpentNanos()).isEqualTo(amount);
    }

    @Test
    void concurrentRetriesOfTheSameEventsCountEachOnce() throws Exception {
        Budget budget = create(budget("all", Map.of(), 1000 * USD, List.of(100)), "");
        // 20 events of 1..20 x $0.01; sent by 8 clients at once, each event 8 times: counted once each.
        // Sum = (1 + ... + 20) x $0.01 = 210 x 10,000,000 = 2,100,000,000 nano-USD.
        List<SpendCharge> all = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            all.add(charge("c-" + i, i * 10_000_000L, Map.of()));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<ChargeSpendResponse>> sent = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<SpendCharge> shuffled = new ArrayList<>(all);
            java.util.Collections.shuffle(shuffled);
            sent.add(pool.submit(() -> charge(shuffled.toArray(SpendCharge[]::new))));
        }
        long charged = 0;
        for (java.util.concurrent.Future<ChargeSpendResponse> response : sent) {
            charged += response.get().getResultsList().stream().filter(r -> r.getStatus() == ChargeStatus.CHARGE_STATUS_CHARGED).count();
        }
        pool.shutdown();
        assertThat(charged).isEqualTo(20);
        GetBudgetResponse got = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(budget.getBudgetId()).setAtTime(ts(noon)).build());
        assertThat(got.getStatus().getSpentNanos()).isEqualTo(2_100_000_000L);
    }

    @Test
    void aBatchOfTwoTenantsOverSeveralScriptCallsCountsEachEventOnce() {
        Budget mine = create(budget("daily", Map.of(), 1000 * USD, List.of(100)), "");
        Budget theirs = budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(
                budget("daily", Map.of(), 1000 * USD, List.of(100)).toBuilder().setTenantId(otherTenant)).build())
                .getBudget();
        // 250 events of this tenant at $0.01 each, in runs of 60 broken by 10 of the other tenant at $0.02 each, so
        // the runs of one tenant are cut into script calls of at most 25 and both tenants alternate; event m-5
        // comes again inside its own call, event m-0 again in a later call.
        List<SpendCharge> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(charge("m-" + i, 10_000_000L, Map.of()));
            if (i == 7) {
                batch.add(charge("m-5", 10_000_000L, Map.of()));
            }
            if (i == 150) {
                batch.add(charge("m-0", 10_000_000L, Map.of()));
            }
            if (i % 60 == 59) {
                for (int j = 0; j < 10; j++) {
                    batch.add(charge("o-" + i + "-" + j, 20_000_000L, Map.of()).toBuilder().setTenantId(otherTenant)
                            .build());
                }
            }
        }
        ChargeSpendResponse response = charge(batch.toArray(SpendCharge[]::new));

        assertThat(response.getResultsCount()).isEqualTo(batch.size());
        assertThat(response.getResults(8).getEventId()).isEqualTo("m-5");
        assertThat(response.getResults(8).getStatus()).isEqualTo(ChargeStatus.CHARGE_STATUS_DUPLICATE);
        assertThat(response.getResultsList().stream().filter(r -> r.getStatus() == ChargeStatus.CHARGE_STATUS_DUPLICATE)
                .map(r -> r.getEventId())).containsExactly("m-5", "m-0");
        // This tenant: 250 distinct events x $0.01 = 2,500,000,000 nano-USD; the other: 4 runs x 10 x $0.02 = $0.80.
        assertThat(spent(tenant, mine)).isEqualTo(2_500_000_000L);
        assertThat(spent(otherTenant, theirs)).isEqualTo(800_000_000L);
    }

    @Test
    void aCounterExpiresThirtyFiveDaysAfterItsWindowHoweverManyChargesItTakes() {
        Budget budget = create(budget("daily", Map.of(), 10 * USD, List.of(100)), "");
        charge(charge("x-1", 1_000L, Map.of()));
        charge(charge("x-2", 2_000L, Map.of()), charge("x-3", 3_000L, Map.of()));

        // The window is today (UTC) from midnight; its counter lives until the window's end + 35 days.
        Instant windowStart = noon.truncatedTo(ChronoUnit.DAYS);
        String key = "tl:{" + tenant + "}:b:" + budget.getBudgetId() + ":" + windowStart.getEpochSecond() + ":spent";
        assertThat(redis.value(Long.class).get(key)).isEqualTo(6_000L);
        long expiry = redis.execute("EXPIRETIME", key).toLong();
        assertThat(expiry).isEqualTo(windowStart.plus(1 + 35, ChronoUnit.DAYS).getEpochSecond());
    }

    long spent(String tenantId, Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenantId).setBudgetId(budget.getBudgetId())
                .setAtTime(ts(noon)).build()).getStatus().getSpentNanos();
    }

    @Test
    void checkBudgetAllowWarnDenyWithExactRemaining() {
        Budget support = create(budget("support daily", Map.of("team", "support"), 10 * USD, List.of(50, 80, 100)), "");
        charge(charge("evt-a", 3 * USD, Map.of("team", "support", "model", "gpt-5-mini")));

        // $3 spent + $1 = $4 = 40 % < 50 %: ALLOW; remaining is limit - spent = $7.
        CheckBudgetResponse allow = check(USD, Map.of("team", "support"));
        assertThat(allow.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(allow.getBudgetsList()).hasSize(1);
        assertThat(allow.getBudgets(0).getRemaining()).isEqualTo(ProtoMoney.of(7 * USD));
        assertThat(allow.getBudgets(0).getSpentNanos()).isEqualTo(3 * USD);
        assertThat(allow.getDecidingBudgetId()).isEmpty();

        // $3 + $2.50 = $5.50 = 55 % >= 50 %: WARN.
        CheckBudgetResponse warn = check(2_500_000_000L, Map.of("team", "support"));
        assertThat(warn.getDecision()).isEqualTo(Decision.DECISION_WARN);
        assertThat(warn.getDecidingBudgetId()).isEqualTo(support.getBudgetId());

        // Both admitted checks hold reservations: $3 spent + $1 + $2.50 reserved + $7.50 = $14 > $10: DENY, 140 %.
        CheckBudgetResponse deny = check(7_500_000_000L, Map.of("team", "support"));
        assertThat(deny.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(deny.getDecidingBudgetId()).isEqualTo(support.getBudgetId());
        assertThat(deny.getReason()).isEqualTo("budget 'support daily' would reach 140% of $10.00 (spent $3.00,"
                + " reserved $3.50, resets " + noon.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS) + ")");
        assertThat(deny.getEstimatedCostNanos()).isEqualTo(7_500_000_000L);
        assertThat(deny.getReservationId()).isEmpty();
        assertThat(deny.getBudgets(0).getReservedNanos()).isEqualTo(3_500_000_000L);
        assertThat(allow.getReservationId()).startsWith("rsv_");
        assertThat(warn.getReservationId()).startsWith("rsv_");

        // Another team matches no budget.
        CheckBudgetResponse sales = check(7_500_000_000L, Map.of("team", "sales"));
        assertThat(sales.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(sales.getBudgetsList()).isEmpty();
    }

    @Test
    void checkBudgetPricesExpectedUsage() {
        create(budget("tiny", Map.of(), 10_000_000L, List.of(80, 100)), "");
        // 12,000 input tokens x 1,000 nano-USD = 12,000,000 nano-USD = $0.012 > $0.01 limit: DENY.
        CheckBudgetResponse priced = budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant)
                .setProvider("fake").setModel("flat-model").setTime(ts(noon))
                .setExpectedUsage(TokenUsage.newBuilder().setInputTokens(12_000)).build());
        assertThat(priced.getEstimatedCostNanos()).isEqualTo(12_000_000L);
        assertThat(priced.getDecision()).isEqualTo(Decision.DECISION_DENY);

        StatusRuntimeException unpriced = catchThrowableOfType(StatusRuntimeException.class, () -> budgets.checkBudget(
                CheckBudgetRequest.newBuilder().setTenantId(tenant).setProvider("openai").setModel("gpt-9")
                        .setExpectedUsage(TokenUsage.newBuilder().setInputTokens(10)).build()));
        assertThat(unpriced.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(unpriced)).containsExactly("model");
        assertThat(unpriced.getStatus().getDescription()).contains("unknown model openai/gpt-9");
    }

    @Test
    void listBudgetsPageByPage() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(budget("b" + i, Map.of(), (i + 1) * USD, List.of()), "r" + i).getBudgetId());
        }
        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = "";
        do {
            ListBudgetsResponse page = budgets.listBudgets(ListBudgetsRequest.newBuilder().setTenantId(tenant)
                    .setPageSize(2).setPageToken(token).setAtTime(ts(noon)).build());
            page.getBudgetsList().forEach(b -> listed.add(b.getBudgetId()));
            pageSizes.add(page.getBudgetsCount());
            assertThat(page.getStatusesList()).extracting(s -> s.getBudgetId())
                    .containsExactlyElementsOf(page.getBudgetsList().stream().map(Budget::getBudgetId).toList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(listed).containsExactlyElementsOf(created);

        StatusRuntimeException badToken = catchThrowableOfType(StatusRuntimeException.class, () -> budgets.listBudgets(
                ListBudgetsRequest.newBuilder().setTenantId(tenant).setPageToken("nonsense").build()));
        assertThat(fields(badToken)).containsExactly("page_token");
    }

    @Test
    void invalidBudgetNamesEveryField() {
        Budget bad = Budget.newBuilder().setTenantId(tenant).setDisplayName("bad").putScope("foo", "x")
                .setTimeZone("Mars/Olympus").addThresholdPercents(0).build();
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(bad).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(e)).containsExactlyInAnyOrder("budget.limit", "budget.period", "budget.time_zone",
                "budget.threshold_percents[0]", "budget.scope[foo]");

        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class, () -> budgets.getBudget(
                GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId("bud_nope").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        StatusRuntimeException negative = catchThrowableOfType(StatusRuntimeException.class,
                () -> charge(charge("", -5, Map.of())));
        assertThat(fields(negative)).containsExactlyInAnyOrder("charges[0].event_id", "charges[0].cost_nanos");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    Budget budget(String name, Map<String, String> scope, long limitNanos, List<Integer> thresholds) {
        return Budget.newBuilder().setTenantId(tenant).setDisplayName(name).putAllScope(scope)
                .setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(limitNanos))
                .addAllThresholdPercents(thresholds).build();
    }

    Budget create(Budget budget, String requestId) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(budget).setRequestId(requestId).build()).getBudget();
    }

    SpendCharge charge(String eventId, long costNanos, Map<String, String> dimensions) {
        return SpendCharge.newBuilder().setEventId(eventId).setTenantId(tenant).setOccurredTime(ts(noon))
                .putAllDimensions(dimensions).setCostNanos(costNanos).build();
    }

    ChargeSpendResponse charge(SpendCharge... charges) {
        return budgets.chargeSpend(ChargeSpendRequest.newBuilder().addAllCharges(List.of(charges)).build());
    }

    CheckBudgetResponse check(long estimate, Map<String, String> dimensions) {
        return budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant).putAllDimensions(dimensions)
                .setEstimatedCostNanos(estimate).setTime(ts(noon)).build());
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static List<String> fields(StatusRuntimeException e) {
        List<String> fields = new ArrayList<>();
        for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                try {
                    detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
                } catch (InvalidProtocolBufferException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        return fields;
    }
}

package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.BudgetStatus;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.budget.v1.Threshold;
import io.tokenledger.api.budget.v1.ThresholdAction;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Token budgets, rolling windows and DENY threshold actions through the gRPC edge (real Redis and PostgreSQL). */
@QuarkusTest
class TokenRollingDenyTest {

    static final long USD = 1_000_000_000L;
    static final long TEN_CENTS = 100_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "trd-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void aTokenBudgetCountsTokensWhileAUsdBudgetCountsCost() {
        Budget tokens = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimitTokens(1_000)
                .addThresholdPercents(50).addThresholdPercents(100));
        Budget usd = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(100 * USD)));
        assertThat(tokens.hasLimit()).isFalse();
        assertThat(tokens.getLimitTokens()).isEqualTo(1_000);

        // 600 tokens costing $5: the token budget counts 600, the USD budget $5.
        charge("e1", 5 * USD, 600, noon);
        BudgetStatus tokenStatus = status(tokens);
        assertThat(tokenStatus.getSpentTokens()).isEqualTo(600);
        assertThat(tokenStatus.getLimitTokens()).isEqualTo(1_000);
        assertThat(tokenStatus.getSpentNanos()).isZero();
        assertThat(status(usd).getSpentNanos()).isEqualTo(5 * USD);
        // 600 of 1000 crossed 50 % (500), not 100 %: one event, in tokens.
        assertThat(budgets.listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(tokens.getBudgetId()).build()).getEventsList())
                .singleElement().satisfies(e -> {
                    assertThat(e.getThresholdPercent()).isEqualTo(50);
                    assertThat(e.getSpentTokens()).isEqualTo(600);
                    assertThat(e.getLimitTokens()).isEqualTo(1_000);
                });

        // 600 + 401 = 1001 > 1000: denied by the token budget though $0.01 is nothing to the USD budget.
        CheckBudgetResponse denied = budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant)
                .setEstimatedCostNanos(10_000_000L).setEstimatedTokens(401).setTime(BudgetServiceTest.ts(noon)).build());
        assertThat(denied.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(denied.getDecidingBudgetId()).isEqualTo(tokens.getBudgetId());
        assertThat(denied.getReason()).contains("1000 tokens").contains("spent 600 tokens");

        // Expected usage 300 input + 100 output = 400 tokens: 600 + 400 = 1000 fits exactly, and is reserved.
        CheckBudgetResponse admitted = budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant)
                .setEstimatedCostNanos(10_000_000L).setExpectedUsage(TokenUsage.newBuilder().setInputTokens(300)
                        .setOutputTokens(100)).setTime(BudgetServiceTest.ts(noon)).build());
        assertThat(admitted.getDecision()).isNotEqualTo(Decision.DECISION_DENY);
        assertThat(admitted.getEstimatedTokens()).isEqualTo(400);
        assertThat(status(tokens).getReservedTokens()).isEqualTo(400);
        assertThat(status(usd).getReservedNanos()).isEqualTo(10_000_000L);

        // Settling with the actual 350 tokens releases the 400 reserved and charges 350: 950 spent.
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId("e2")
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(noon)).setCostNanos(9_000_000L)
                .setTotalTokens(350).setReservationId(admitted.getReservationId())).build());
        assertThat(status(tokens).getSpentTokens()).isEqualTo(950);
        assertThat(status(tokens).getReservedTokens()).isZero();
        assertThat(status(usd).getSpentNanos()).isEqualTo(5 * USD + 9_000_000L);
    }

    @Test
    void rollingSpendCountsForTheWholeLengthAndDropsOutAtTheNextBucket() {
        // Last hour, minute buckets, $1.00. t0 is a whole hour two hours ago (its keys are still retained).
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        Budget rolling = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_ROLLING)
                .setRollingWindow(Duration.newBuilder().setSeconds(3600)).setLimit(ProtoMoney.of(USD)));
        assertThat(rolling.getRollingWindow().getSeconds()).isEqualTo(3600);
        // $0.60 at t0+10m30s lands in the bucket [t0+10m, t0+11m).
        charge("r1", 600_000_000L, 0, t0.plusSeconds(630));
        // $0.30 at t0+40m.
        charge("r2", 300_000_000L, 0, t0.plusSeconds(2400));

        // At t0+70m59s the window is [t0+10m, t0+71m): both count, $0.90 + $0.20 > $1.00.
        assertThat(check(200_000_000L, t0.plusSeconds(4259)).getDecision()).isEqualTo(Decision.DECISION_DENY);
        BudgetStatus at7059 = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(rolling.getBudgetId()).setAtTime(BudgetServiceTest.ts(t0.plusSeconds(4259))).build()).getStatus();
        assertThat(at7059.getSpentNanos()).isEqualTo(900_000_000L);
        assertThat(at7059.getWindowStartTime().getSeconds()).isEqualTo(t0.plusSeconds(600).getEpochSecond());
        assertThat(at7059.getWindowEndTime().getSeconds()).isEqualTo(t0.plusSeconds(4260).getEpochSecond());
        // At t0+71m the $0.60 bucket has dropped out: $0.30 + $0.20 fits.
        CheckBudgetResponse later = check(200_000_000L, t0.plusSeconds(4260));
        assertThat(later.getDecision()).isNotEqualTo(Decision.DECISION_DENY);
        assertThat(later.getBudgets(0).getSpentNanos()).isEqualTo(300_000_000L);
        // At t0+101m the $0.30 bucket (t0+40m) has dropped out too; only the open $0.20 reservation counts.
        BudgetStatus empty = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(rolling.getBudgetId()).setAtTime(BudgetServiceTest.ts(t0.plusSeconds(6060))).build()).getStatus();
        assertThat(empty.getSpentNanos()).isZero();
        assertThat(empty.getReservedNanos()).isEqualTo(200_000_000L);
    }

    @Test
    void aDayLongRollingWindowSumsHourAggregatesAndEdgeMinutesExactly() {
        // Last 24 h in minute buckets (with hour aggregates), $20.00, alert at 50 %. B is a whole hour 26 h ago.
        Instant b = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(26, ChronoUnit.HOURS);
        Budget rolling = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_ROLLING)
                .setRollingWindow(Duration.newBuilder().setSeconds(86_400)).setLimit(ProtoMoney.of(20 * USD))
                .addThresholdPercents(50));
        charge("c1", USD, 0, b.plusSeconds(5 * 60));
        charge("c2", 2 * USD, 0, b.plusSeconds(2 * 3600 + 30 * 60));
        charge("c3", 4 * USD, 0, b.plusSeconds(20 * 3600));
        // c4 at B+25h10m: its window [B+1h10m, B+25h11m) holds c2 + c3 + c4 = $14, crossing 50 % ($10) from $6.
        charge("c4", 8 * USD, 0, b.plusSeconds(25 * 3600 + 10 * 60));
        assertThat(budgets.listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(rolling.getBudgetId()).build()).getEventsList())
                .singleElement().satisfies(e -> assertThat(e.getSpent()).isEqualTo(ProtoMoney.of(14 * USD)));
        // At B+24h5m the window is [B+5m, B+24h6m): c1 + c2 + c3 = $7.
        assertThat(spentAt(rolling, b.plusSeconds(24 * 3600 + 5 * 60))).isEqualTo(7 * USD);
        // One minute later c1's bucket has dropped out: c2 + c3 = $6.
        assertThat(spentAt(rolling, b.plusSeconds(24 * 3600 + 6 * 60))).isEqualTo(6 * USD);
        // At B+26h the window is [B+2h, B+26h1m): c2 + c3 + c4 = $14.
        assertThat(spentAt(rolling, b.plusSeconds(26 * 3600))).isEqualTo(14 * USD);
    }

    private long spentAt(Budget budget, Instant at) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .setAtTime(BudgetServiceTest.ts(at)).build()).getStatus().getSpentNanos();
    }

    @Test
    void aRollingChargeReportsTheWindowSumForThresholds() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        Budget rolling = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_ROLLING)
                .setRollingWindow(Duration.newBuilder().setSeconds(3600)).setLimit(ProtoMoney.of(USD))
                .addThresholdPercents(50).addThresholdPercents(100));
        // $0.30 then $0.30 two minutes later: the window sum goes 0.30 -> 0.60 and crosses 50 % on the second charge.
        charge("a", 300_000_000L, 0, t0.plusSeconds(60));
        charge("b", 300_000_000L, 0, t0.plusSeconds(180));
        assertThat(budgets.listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(rolling.getBudgetId()).build()).getEventsList())
                .singleElement().satisfies(e -> {
                    assertThat(e.getThresholdPercent()).isEqualTo(50);
                    assertThat(e.getSpent()).isEqualTo(ProtoMoney.of(600_000_000L));
                });
    }

    @Test
    void aNinetyPercentDenyThresholdAdmitsExactlyNinetyOfAHundredConcurrentChecks() throws Exception {
        Budget budget = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(10 * USD))
                .addThresholds(Threshold.newBuilder().setPercent(90).setAction(ThresholdAction.THRESHOLD_ACTION_DENY))
                .addThresholdPercents(100));
        assertThat(budget.getThresholdPercentsList()).containsExactly(90, 100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<CheckBudgetResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Callable<CheckBudgetResponse> call = () -> check(TEN_CENTS, noon);
                futures.add(pool.submit(call));
            }
            long admitted = 0;
            for (Future<CheckBudgetResponse> future : futures) {
                if (future.get().getDecision() != Decision.DECISION_DENY) {
                    admitted++;
                }
            }
            // 90 % of $10 = $9.00 = 90 x $0.10; the 91st would reach $9.10.
            assertThat(admitted).isEqualTo(90);
        } finally {
            pool.shutdownNow();
        }
        CheckBudgetResponse denied = check(TEN_CENTS, noon);
        assertThat(denied.getReason()).contains("past its 90% DENY threshold");
        assertThat(status(budget).getReservedNanos()).isEqualTo(9 * USD);
    }

    private Budget create(Budget.Builder budget) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(budget.setTenantId(tenant)
                .setDisplayName("b")).build()).getBudget();
    }

    private void charge(String eventId, long cost, long tokens, Instant at) {
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId(eventId)
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(at)).setCostNanos(cost).setTotalTokens(tokens))
                .build());
    }

    private CheckBudgetResponse check(long estimate, Instant at) {
        return budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant).setEstimatedCostNanos(estimate)
                .setTime(BudgetServiceTest.ts(at)).build());
    }

    private BudgetStatus status(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .setAtTime(BudgetServiceTest.ts(noon)).build()).getStatus();
    }
}

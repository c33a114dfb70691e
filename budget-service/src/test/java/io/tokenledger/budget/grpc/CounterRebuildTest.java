package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.BudgetStatus;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.RebuildCountersRequest;
import io.tokenledger.api.budget.v1.RebuildCountersResponse;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counters are a cache: after the tenant's Redis keys are deleted mid-run, RebuildCounters restores them exactly. */
@QuarkusTest
class CounterRebuildTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "rebuild-" + UUID.randomUUID();

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void rebuildAfterRedisLossIsExact() {
        Budget all = create("all", Map.of(), BudgetPeriod.BUDGET_PERIOD_MONTH);
        Budget chat = create("chat", Map.of("feature", "chat"), BudgetPeriod.BUDGET_PERIOD_WEEK);
        // 10 events: 6 chat x $1.25 = $7.50, 4 search x $0.40 = $1.60; all = $9.10.
        for (int i = 0; i < 10; i++) {
            boolean isChat = i < 6;
            chargeAndLedger("e" + i, isChat ? "chat" : "search", isChat ? 1_250_000_000L : 400_000_000L);
        }
        assertThat(status(all).getSpentNanos()).isEqualTo(9_100_000_000L);

        // Redis loses the tenant's data (never FLUSHDB: only this tenant's keys).
        TestRedis.deleteTenantKeys(redis, tenant);
        assertThat(status(all).getSpentNanos()).isZero();

        RebuildCountersResponse rebuilt = budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build());
        assertThat(rebuilt.getStatusesList()).extracting(BudgetStatus::getSpentNanos)
                .containsExactly(9_100_000_000L, 7_500_000_000L);

        // The run goes on: 2 more chat events of $0.30: all = $9.70, chat = $8.10.
        chargeAndLedger("e10", "chat", 300_000_000L);
        chargeAndLedger("e11", "chat", 300_000_000L);
        assertThat(status(all).getSpentNanos()).isEqualTo(9_700_000_000L);
        assertThat(status(chat).getSpentNanos()).isEqualTo(8_100_000_000L);
        assertThat(chat.getPeriod()).isEqualTo(BudgetPeriod.BUDGET_PERIOD_WEEK);
    }

    @Test
    void rebuildWithSinceRestoresEarlierWindowsToo() {
        Budget daily = create("daily", Map.of(), BudgetPeriod.BUDGET_PERIOD_DAY);
        // Berlin days: yesterday noon and now are in two windows of the daily budget.
        Instant now = Instant.now();
        Instant yesterday = now.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate().minusDays(1)
                .atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant();
        chargeAndLedger("late-1", "chat", 2_000_000_000L, yesterday);
        chargeAndLedger("late-2", "chat", 500_000_000L, yesterday.plusSeconds(60));
        chargeAndLedger("today-1", "chat", 700_000_000L, now);
        assertThat(statusAt(daily, yesterday).getSpentNanos()).isEqualTo(2_500_000_000L);

        TestRedis.deleteTenantKeys(redis, tenant);
        // Without since only the current window comes back: yesterday's stays empty.
        budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build());
        assertThat(status(daily).getSpentNanos()).isEqualTo(700_000_000L);
        assertThat(statusAt(daily, yesterday).getSpentNanos()).isZero();

        // With since = yesterday noon: yesterday $2.00 + $0.50 = $2.50, today $0.70, each exactly once.
        budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant)
                .setSince(BudgetServiceTest.ts(yesterday)).build());
        assertThat(statusAt(daily, yesterday).getSpentNanos()).isEqualTo(2_500_000_000L);
        assertThat(status(daily).getSpentNanos()).isEqualTo(700_000_000L);

        // Beyond the counters' 35-day retention there is nothing to rebuild into.
        io.grpc.StatusRuntimeException tooOld = org.junit.jupiter.api.Assertions.assertThrows(
                io.grpc.StatusRuntimeException.class, () -> budgets.rebuildCounters(RebuildCountersRequest.newBuilder()
                        .setTenantId(tenant).setSince(BudgetServiceTest.ts(now.minus(java.time.Duration.ofDays(36))))
                        .build()));
        assertThat(tooOld.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
        assertThat(BudgetServiceTest.fields(tooOld)).containsExactly("since");
    }

    @Test
    void budgetsScopedByApiKeyAndTagCountAndRebuildThroughTheLedgersTagFilters() {
        Budget byKey = create("key", Map.of("api_key", "key-ops"), BudgetPeriod.BUDGET_PERIOD_DAY);
        Budget byRegion = create("region", Map.of("tag:region", "eu"), BudgetPeriod.BUDGET_PERIOD_DAY);
        Instant now = Instant.now();
        // $1.00 on key-ops in eu, $0.25 on key-ops in us, $4.00 on another key in eu.
        chargeWithLabels("k1", "key-ops", "eu", 1_000_000_000L, now);
        chargeWithLabels("k2", "key-ops", "us", 250_000_000L, now);
        chargeWithLabels("k3", "key-dev", "eu", 4_000_000_000L, now);
        // key-ops: $1.00 + $0.25 = $1.25; eu: $1.00 + $4.00 = $5.00.
        assertThat(status(byKey).getSpentNanos()).isEqualTo(1_250_000_000L);
        assertThat(status(byRegion).getSpentNanos()).isEqualTo(5_000_000_000L);

        TestRedis.deleteTenantKeys(redis, tenant);
        budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build());
        assertThat(status(byKey).getSpentNanos()).isEqualTo(1_250_000_000L);
        assertThat(status(byRegion).getSpentNanos()).isEqualTo(5_000_000_000L);
    }

    /** The ledger knows the api_key label as the tag "api_key"; a charge carries it as "api_key" and tags as "tag:*". */
    private void chargeWithLabels(String eventId, String apiKey, String region, long cost, Instant at) {
        FakeAttribution.LEDGER.add(new FakeAttribution.Row(tenant, at, Map.of("tag:api_key", apiKey,
                "tag:region", region), cost));
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId(eventId)
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(at)).putDimensions("api_key", apiKey)
                .putDimensions("tag:api_key", apiKey).putDimensions("tag:region", region).setCostNanos(cost)).build());
    }

    private void chargeAndLedger(String eventId, String feature, long cost) {
        chargeAndLedger(eventId, feature, cost, Instant.now());
    }

    private void chargeAndLedger(String eventId, String feature, long cost, Instant now) {
        FakeAttribution.LEDGER.add(new FakeAttribution.Row(tenant, now, Map.of("feature", feature), cost));
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId(eventId)
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(now)).putDimensions("feature", feature)
                .setCostNanos(cost)).build());
    }

    private Budget create(String name, Map<String, String> scope, BudgetPeriod period) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName(name).putAllScope(scope).setPeriod(period).setTimeZone("Europe/Berlin")
                .setWeekStartDay(7).setLimit(ProtoMoney.of(1_000 * USD))).build()).getBudget();
    }

    private BudgetStatus statusAt(Budget budget, Instant at) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .setAtTime(BudgetServiceTest.ts(at)).build()).getStatus();
    }

    private BudgetStatus status(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .build()).getStatus();
    }
}

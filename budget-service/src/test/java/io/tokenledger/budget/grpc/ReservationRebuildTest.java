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
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.RebuildCountersRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.budget.application.ReservationJournal;
import io.tokenledger.budget.domain.OpenReservation;
import io.tokenledger.budget.persistence.ReservationRepository;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RebuildCounters after Redis lost a tenant's keys (the test deletes every key of the tenant in its Redis db, e.g.
 * db 5 with TOKENLEDGER_TEST_REDIS_URL; never FLUSHDB, other tenants' tests share it): counters from the ledger,
 * open reservations from PostgreSQL, token and rolling budgets.
 */
@QuarkusTest
class ReservationRebuildTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    @Inject
    ReservationJournal journal;

    @Inject
    ReservationRepository reservationRows;

    final String tenant = "rebuild-" + UUID.randomUUID();

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void openReservationsAreRestoredExactlyOnceAndSettledOnesAreNot() {
        Budget budget = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(USD)));
        CheckBudgetResponse a = check(300_000_000L);
        CheckBudgetResponse b = check(200_000_000L);
        // b is settled at its actual $0.25 (and the ledger has it); a stays open.
        chargeAndLedger("eb", 250_000_000L, 0, b.getReservationId());
        assertThat(status(budget).getReservedNanos()).isEqualTo(300_000_000L);
        assertThat(status(budget).getSpentNanos()).isEqualTo(250_000_000L);

        // Redis loses everything of the tenant: spent, reservations, dedupe keys.
        TestRedis.deleteTenantKeys(redis, tenant);
        assertThat(status(budget).getReservedNanos()).isZero();

        BudgetStatus rebuilt = budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build())
                .getStatuses(0);
        // Spent from the ledger ($0.25); reserved = a's $0.30 only (b was settled).
        assertThat(rebuilt.getSpentNanos()).isEqualTo(250_000_000L);
        assertThat(rebuilt.getReservedNanos()).isEqualTo(300_000_000L);
        // A second rebuild finds a still in Redis and leaves it: not counted twice.
        budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build());
        assertThat(status(budget).getReservedNanos()).isEqualTo(300_000_000L);
        // $0.25 + $0.30 + $0.46 = $1.01 > $1.00: the restored reservation holds its room.
        assertThat(check(460_000_000L).getDecision()).isEqualTo(Decision.DECISION_DENY);

        // Settling a releases it exactly once: reserved 0, spent $0.25 + $0.30; a retry is a duplicate.
        chargeAndLedger("ea", 300_000_000L, 0, a.getReservationId());
        assertThat(status(budget).getReservedNanos()).isZero();
        assertThat(status(budget).getSpentNanos()).isEqualTo(550_000_000L);
        assertThat(budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder()
                .setEventId("ea").setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(Instant.now()))
                .setCostNanos(300_000_000L).setReservationId(a.getReservationId())).build()).getResults(0).getStatus())
                .isEqualTo(ChargeStatus.CHARGE_STATUS_DUPLICATE);
        // Once a's settle is in PostgreSQL, a further loss and rebuild no longer restore it.
        journal.flush();
        TestRedis.deleteTenantKeys(redis, tenant);
        BudgetStatus again = budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build())
                .getStatuses(0);
        assertThat(again.getReservedNanos()).isZero();
        assertThat(again.getSpentNanos()).isEqualTo(550_000_000L);
    }

    @Test
    void expiredReservationsAreNotRestored() {
        Budget budget = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(USD)));
        CheckBudgetResponse open = check(100_000_000L);
        journal.flush();
        // A row that expired a second ago, holding $0.40 in the same window.
        String record = reservationRows.open(tenant, Instant.now()).get(0).record()
                .replace(open.getReservationId(), "rsv_expired").replace("|100000000", "|400000000");
        Instant past = Instant.now().minusSeconds(1);
        reservationRows.write(List.of(new OpenReservation("rsv_expired", tenant, record, past.minusSeconds(60), past)), List.of());
        TestRedis.deleteTenantKeys(redis, tenant);
        budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build());
        assertThat(status(budget).getReservedNanos()).isEqualTo(100_000_000L);
    }

    @Test
    void tokenAndHourBucketRollingBudgetsAreRebuiltFromTheLedger() {
        Budget tokens = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimitTokens(10_000));
        // Last 48 h in hour buckets.
        Budget rolling = create(Budget.newBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_ROLLING)
                .setRollingWindow(Duration.newBuilder().setSeconds(48 * 3600)).setLimit(ProtoMoney.of(100 * USD)));
        Instant now = Instant.now();
        Instant threeHoursAgo = now.minus(3, ChronoUnit.HOURS);
        Instant fiftyHoursAgo = now.minus(50, ChronoUnit.HOURS);
        // $2 / 700 tokens now, $1 / 300 tokens 3 h ago (both in the 48 h window), $5 50 h ago (outside it).
        chargeAndLedgerAt("t1", 2 * USD, 700, now);
        chargeAndLedgerAt("t2", USD, 300, threeHoursAgo);
        chargeAndLedgerAt("t3", 5 * USD, 0, fiftyHoursAgo);
        long tokensToday = threeHoursAgo.truncatedTo(ChronoUnit.DAYS).equals(now.truncatedTo(ChronoUnit.DAYS)) ? 1_000 : 700;
        assertThat(status(tokens).getSpentTokens()).isEqualTo(tokensToday);
        assertThat(status(rolling).getSpentNanos()).isEqualTo(3 * USD);

        TestRedis.deleteTenantKeys(redis, tenant);
        budgets.rebuildCounters(RebuildCountersRequest.newBuilder().setTenantId(tenant).build());
        assertThat(status(tokens).getSpentTokens()).isEqualTo(tokensToday);
        assertThat(status(rolling).getSpentNanos()).isEqualTo(3 * USD);
        // The hour 3 h ago is in its own bucket: 46 h later only the $2 of now (and nothing else) still counts.
        BudgetStatus later = budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant)
                .setBudgetId(rolling.getBudgetId()).setAtTime(BudgetServiceTest.ts(now.plus(46, ChronoUnit.HOURS))).build())
                .getStatus();
        assertThat(later.getSpentNanos()).isEqualTo(2 * USD);
    }

    private Budget create(Budget.Builder budget) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(budget.setTenantId(tenant)
                .setDisplayName("b")).build()).getBudget();
    }

    private CheckBudgetResponse check(long estimate) {
        return budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant).setEstimatedCostNanos(estimate).build());
    }

    private void chargeAndLedger(String eventId, long cost, long tokens, String reservationId) {
        chargeAndLedgerAt(eventId, cost, tokens, Instant.now(), reservationId);
    }

    private void chargeAndLedgerAt(String eventId, long cost, long tokens, Instant at) {
        chargeAndLedgerAt(eventId, cost, tokens, at, "");
    }

    private void chargeAndLedgerAt(String eventId, long cost, long tokens, Instant at, String reservationId) {
        FakeAttribution.LEDGER.add(new FakeAttribution.Row(tenant, at, Map.of(), cost, tokens));
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId(eventId)
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(at)).setCostNanos(cost).setTotalTokens(tokens)
                .setReservationId(reservationId)).build());
    }

    private BudgetStatus status(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .build()).getStatus();
    }
}

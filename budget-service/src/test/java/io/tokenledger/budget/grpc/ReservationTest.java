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
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.Enforcement;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.budget.application.BudgetCache;
import io.tokenledger.budget.redis.Reservations;
import io.tokenledger.budget.redis.SpendCounters;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reservations under concurrency, across chains, with expiry, settlement and shadow budgets (real Redis db 1). */
@QuarkusTest
class ReservationTest {

    static final long USD = 1_000_000_000L;
    static final long TEN_CENTS = 100_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    @Inject
    Reservations reservations;

    @Inject
    BudgetCache cache;

    final String tenant = "rsv-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void thousandConcurrentChecksOfTenCentsAdmitExactlyFiftyAgainstFiveDollars() throws Exception {
        Budget budget = create("five dollars", Map.of(), 5 * USD, Enforcement.ENFORCEMENT_ENFORCE);
        List<CheckBudgetResponse> answers = checkConcurrently(1_000, TEN_CENTS, Map.of("customer", "c1"));

        List<String> admitted = answers.stream().filter(a -> a.getDecision() != Decision.DECISION_DENY)
                .map(CheckBudgetResponse::getReservationId).toList();
        // $5.00 / $0.10 = 50 reservations fit exactly; the 51st would make $5.10 > $5.00.
        assertThat(admitted).hasSize(50).doesNotHaveDuplicates().allMatch(id -> id.startsWith("rsv_"));
        assertThat(status(budget).getReservedNanos()).isEqualTo(5 * USD);

        // Settle every admitted call at its actual cost: spent becomes exactly $5.00, nothing stays reserved.
        List<SpendCharge> settle = new ArrayList<>();
        for (int i = 0; i < admitted.size(); i++) {
            settle.add(charge("e" + i, TEN_CENTS, Map.of("customer", "c1"), admitted.get(i)));
        }
        charge(settle);
        BudgetStatus after = status(budget);
        assertThat(after.getSpentNanos()).isEqualTo(5 * USD);
        assertThat(after.getReservedNanos()).isZero();

        // A retried settle is a duplicate: neither spent nor reserved moves.
        ChargeSpendResponse retry = charge(List.of(settle.get(0)));
        assertThat(retry.getResults(0).getStatus()).isEqualTo(ChargeStatus.CHARGE_STATUS_DUPLICATE);
        assertThat(status(budget).getSpentNanos()).isEqualTo(5 * USD);
        assertThat(status(budget).getReservedNanos()).isZero();
    }

    @Test
    void threeLevelChainIsReservedAllOrNothingAndTheTightestDecides() throws Exception {
        Budget tenantWide = create("tenant", Map.of(), 20 * USD, Enforcement.ENFORCEMENT_ENFORCE);
        Budget feature = create("feature", Map.of("feature", "chat"), 6 * USD, Enforcement.ENFORCEMENT_ENFORCE);
        Budget customer = create("customer", Map.of("feature", "chat", "customer", "c1"), 5 * USD,
                Enforcement.ENFORCEMENT_ENFORCE);
        // Another customer already spent $3 of the feature's $6: the feature has $3 left, the customer $5.
        charge(List.of(charge("other", 3 * USD, Map.of("feature", "chat", "customer", "c2"), "")));

        List<CheckBudgetResponse> answers = checkConcurrently(1_000, TEN_CENTS, Map.of("feature", "chat", "customer", "c1"));
        long admitted = answers.stream().filter(a -> a.getDecision() != Decision.DECISION_DENY).count();
        // The feature is the tightest: $3.00 / $0.10 = 30 admitted; every admitted call is reserved in all three.
        assertThat(admitted).isEqualTo(30);
        assertThat(answers.stream().filter(a -> a.getDecision() == Decision.DECISION_DENY)
                .map(CheckBudgetResponse::getDecidingBudgetId).distinct().toList()).containsExactly(feature.getBudgetId());
        assertThat(status(feature).getReservedNanos()).isEqualTo(3 * USD);
        assertThat(status(customer).getReservedNanos()).isEqualTo(3 * USD);
        assertThat(status(tenantWide).getReservedNanos()).isEqualTo(3 * USD);
        assertThat(status(tenantWide).getSpentNanos()).isEqualTo(3 * USD);
    }

    @Test
    void expiredReservationsStopCountingExactlyAtTheirExpiryAndSettleOnce() {
        Budget budget = create("expiring", Map.of(), USD, Enforcement.ENFORCEMENT_ENFORCE);
        io.tokenledger.budget.domain.Budget domain = cache.budgetsOf(tenant).get(0);
        List<SpendCounters.Target> targets = List.of(new SpendCounters.Target(domain, domain.windowAt(noon)));
        Instant t0 = Instant.now();
        Instant expiry = t0.plusSeconds(60);

        assertThat(reservations.reserve(tenant, targets, "rsv_a", 600_000_000L, t0, expiry).admitted()).isTrue();
        // $0.60 reserved + $0.50 > $1.00: denied while the first holds, at any time before its expiry.
        assertThat(reservations.reserve(tenant, targets, "rsv_b", 500_000_000L, expiry.minusMillis(1), expiry).admitted())
                .isFalse();
        assertThat(reservations.peek(tenant, targets, expiry.minusMillis(1)).get(0).reservedNanos()).isEqualTo(600_000_000L);
        // At the expiry instant it no longer counts.
        assertThat(reservations.peek(tenant, targets, expiry).get(0).reservedNanos()).isZero();
        assertThat(reservations.reserve(tenant, targets, "rsv_c", 500_000_000L, expiry, expiry.plusSeconds(60)).admitted())
                .isTrue();

        // A late settle of the expired reservation charges its cost but never releases rsv_c's amount.
        charge(List.of(charge("late", 400_000_000L, Map.of(), "rsv_a")));
        assertThat(reservations.peek(tenant, targets, expiry).get(0))
                .isEqualTo(new Reservations.Counted(400_000_000L, 500_000_000L));
        charge(List.of(charge("on-time", 450_000_000L, Map.of(), "rsv_c")));
        charge(List.of(charge("on-time-again", 450_000_000L, Map.of(), "rsv_c")));
        // The second charge with the same reservation is a new event (charged) but the reservation is gone.
        assertThat(reservations.peek(tenant, targets, expiry).get(0))
                .isEqualTo(new Reservations.Counted(1_300_000_000L, 0L));
        assertThat(budget.getBudgetId()).isEqualTo(domain.id());
    }

    @Test
    void shadowBudgetRecordsButNeverDenies() {
        Budget shadow = create("shadow", Map.of(), USD, Enforcement.ENFORCEMENT_SHADOW);
        Budget enforced = create("enforced", Map.of(), 10 * USD, Enforcement.ENFORCEMENT_ENFORCE);

        // $2 > the shadow's $1 but fits the enforced $10: admitted, and the shadow says it would have denied.
        CheckBudgetResponse answer = check(2 * USD, Map.of());
        assertThat(answer.getDecision()).isNotEqualTo(Decision.DECISION_DENY);
        assertThat(answer.getReservationId()).startsWith("rsv_");
        assertThat(answer.getShadowDenyingBudgetIdsList()).containsExactly(shadow.getBudgetId());
        assertThat(status(shadow).getReservedNanos()).isEqualTo(2 * USD);

        // $2 reserved + $9 > $10: the enforced budget denies.
        CheckBudgetResponse denied = check(9 * USD, Map.of());
        assertThat(denied.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(denied.getDecidingBudgetId()).isEqualTo(enforced.getBudgetId());
        assertThat(shadow.getEnforcement()).isEqualTo(Enforcement.ENFORCEMENT_SHADOW);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    List<CheckBudgetResponse> checkConcurrently(int calls, long estimate, Map<String, String> dimensions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<CheckBudgetResponse>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(() -> check(estimate, dimensions));
            }
            List<CheckBudgetResponse> answers = new ArrayList<>();
            for (Future<CheckBudgetResponse> f : pool.invokeAll(tasks)) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    Budget create(String name, Map<String, String> scope, long limit, Enforcement enforcement) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName(name).putAllScope(scope).setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY)
                .setLimit(ProtoMoney.of(limit)).setEnforcement(enforcement)).build()).getBudget();
    }

    CheckBudgetResponse check(long estimate, Map<String, String> dimensions) {
        return budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant).putAllDimensions(dimensions)
                .setEstimatedCostNanos(estimate).setTime(BudgetServiceTest.ts(noon)).build());
    }

    SpendCharge charge(String eventId, long cost, Map<String, String> dimensions, String reservationId) {
        return SpendCharge.newBuilder().setEventId(eventId).setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(noon))
                .putAllDimensions(dimensions).setCostNanos(cost).setReservationId(reservationId).build();
    }

    ChargeSpendResponse charge(List<SpendCharge> charges) {
        return budgets.chargeSpend(ChargeSpendRequest.newBuilder().addAllCharges(charges).build());
    }

    BudgetStatus status(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .setAtTime(BudgetServiceTest.ts(noon)).build()).getStatus();
    }
}

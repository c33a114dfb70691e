package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A correction's charges (ingest's reversal and amended amount): negative allowed, each counted once. */
@QuarkusTest
class CorrectionChargeTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "corr-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void aReversalLowersTheCounterOnceAndTheAmendedAmountCountsOnce() {
        Budget support = create(Map.of("team", "support"));
        Budget sales = create(Map.of("team", "sales"));

        charge(charge("e", 6 * USD, "support", false));
        // The correction moves e to team sales at $2.50: -$6 on support, +$2.50 on sales; retried, counted once.
        SpendCharge reversal = charge("a1\u00a7reversal", -6 * USD, "support", true);
        SpendCharge amended = charge("a1\u00a7amend", 2_500_000_000L, "sales", true);
        ChargeSpendResponse first = charge(reversal, amended);
        ChargeSpendResponse retry = charge(reversal, amended);
        assertThat(first.getResultsList()).extracting(r -> r.getStatus())
                .containsOnly(ChargeStatus.CHARGE_STATUS_CHARGED);
        assertThat(retry.getResultsList()).extracting(r -> r.getStatus())
                .containsOnly(ChargeStatus.CHARGE_STATUS_DUPLICATE);

        // support: $6 - $6 = $0; sales: $2.50.
        assertThat(spent(support)).isZero();
        assertThat(spent(sales)).isEqualTo(2_500_000_000L);
    }

    @Test
    void onlyACorrectionMayBeNegative() {
        create(Map.of());
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> charge(charge("x", -1, "support", false)));
        assertThat(BudgetServiceTest.fields(error)).containsExactly("charges[0].cost_nanos");
    }

    private Budget create(Map<String, String> scope) {
        Budget budget = Budget.newBuilder().setTenantId(tenant).setDisplayName("daily").putAllScope(scope)
                .setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(10 * USD))
                .addAllThresholdPercents(List.of(50, 100)).build();
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(budget).build()).getBudget();
    }

    private long spent(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .setAtTime(ts(noon)).build()).getStatus().getSpentNanos();
    }

    private SpendCharge charge(String eventId, long costNanos, String team, boolean correction) {
        return SpendCharge.newBuilder().setEventId(eventId).setTenantId(tenant).setOccurredTime(ts(noon))
                .putDimensions("team", team).setCostNanos(costNanos).setCorrection(correction).build();
    }

    private ChargeSpendResponse charge(SpendCharge... charges) {
        return budgets.chargeSpend(ChargeSpendRequest.newBuilder().addAllCharges(List.of(charges)).build());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}

package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.DeleteBudgetRequest;
import io.tokenledger.api.budget.v1.Enforcement;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.ListBudgetsRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.budget.v1.Threshold;
import io.tokenledger.api.budget.v1.ThresholdAction;
import io.tokenledger.api.budget.v1.UpdateBudgetRequest;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UpdateBudget (update_mask, etag) and DeleteBudget through the gRPC edge, on the local PostgreSQL and Redis. */
@QuarkusTest
class BudgetLifecycleTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "life-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void updateChangesOnlyTheMaskedFieldsAndRotatesTheEtag() {
        Budget created = create(10 * USD);
        Budget updated = update(created.toBuilder().setDisplayName("renamed").setLimit(ProtoMoney.of(20 * USD))
                .setTimeZone("Asia/Tokyo"), "display_name", "limit");
        assertThat(updated.getDisplayName()).isEqualTo("renamed");
        assertThat(updated.getLimit()).isEqualTo(ProtoMoney.of(20 * USD));
        // time_zone was not in the mask: unchanged.
        assertThat(updated.getTimeZone()).isEqualTo("UTC");
        assertThat(updated.getEtag()).isNotEqualTo(created.getEtag());
        assertThat(updated.getCreateTime()).isEqualTo(created.getCreateTime());
        assertThat(budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(created.getBudgetId())
                .build()).getBudget()).isEqualTo(updated);
        // The new limit applies to checks at once: $15 fits $20 (it would not have fit $10).
        assertThat(check(15 * USD).getDecision()).isNotEqualTo(Decision.DECISION_DENY);
    }

    @Test
    void aStaleEtagIsAbortedAndNothingChanges() {
        Budget created = create(10 * USD);
        update(created.toBuilder().setDisplayName("first"), "display_name");
        StatusRuntimeException stale = catchThrowableOfType(StatusRuntimeException.class,
                () -> update(created.toBuilder().setDisplayName("second"), "display_name"));
        assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(stale.getStatus().getDescription()).contains(created.getBudgetId()).contains("changed since it was read");
        assertThat(get(created).getDisplayName()).isEqualTo("first");

        StatusRuntimeException staleDelete = catchThrowableOfType(StatusRuntimeException.class,
                () -> budgets.deleteBudget(DeleteBudgetRequest.newBuilder().setTenantId(tenant)
                        .setBudgetId(created.getBudgetId()).setEtag(created.getEtag()).build()));
        assertThat(staleDelete.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(get(created).getDisplayName()).isEqualTo("first");
    }

    @Test
    void fieldsThatDefineTheCountingAreRejectedWithTheirPath() {
        Budget created = create(10 * USD);
        StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class,
                () -> update(created.toBuilder().setPeriod(BudgetPeriod.BUDGET_PERIOD_MONTH).setDisplayName("x"),
                        "display_name", "period", "scope"));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(BudgetServiceTest.fields(invalid)).containsExactly("update_mask.paths[1]", "update_mask.paths[2]");
        StatusRuntimeException badValue = catchThrowableOfType(StatusRuntimeException.class,
                () -> update(created.toBuilder().setLimit(ProtoMoney.of(0)), "limit"));
        assertThat(BudgetServiceTest.fields(badValue)).containsExactly("budget.limit");
        // Nothing was written.
        assertThat(get(created)).isEqualTo(created);
    }

    @Test
    void thresholdActionsAndEnforcementCanBeUpdated() {
        Budget created = create(10 * USD);
        // Both lists replace the thresholds together: a budget read back carries both, so clear both.
        Budget updated = update(created.toBuilder().clearThresholdPercents().clearThresholds()
                .addThresholds(Threshold.newBuilder().setPercent(50).setAction(ThresholdAction.THRESHOLD_ACTION_DENY))
                .setEnforcement(Enforcement.ENFORCEMENT_ENFORCE), "thresholds", "enforcement");
        assertThat(updated.getThresholdPercentsList()).containsExactly(50);
        assertThat(updated.getThresholdsList()).containsExactly(
                Threshold.newBuilder().setPercent(50).setAction(ThresholdAction.THRESHOLD_ACTION_DENY).build());
        // 50 % of $10 = $5: $5 is admitted, $5.000000001 denied.
        assertThat(check(5 * USD + 1).getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(check(5 * USD).getDecision()).isNotEqualTo(Decision.DECISION_DENY);
    }

    @Test
    void aDeletedBudgetStopsMatchingAtOnceAndItsEventsStay() {
        Budget created = create(USD);
        // $1 charged: crosses 80 % and 100 % -> two events.
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId("e1")
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(noon)).setCostNanos(USD)).build());
        assertThat(check(1).getDecision()).isEqualTo(Decision.DECISION_DENY);

        budgets.deleteBudget(DeleteBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(created.getBudgetId())
                .setEtag(created.getEtag()).build());

        CheckBudgetResponse after = check(1);
        assertThat(after.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(after.getBudgetsList()).isEmpty();
        assertThat(budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId("e2")
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(noon)).setCostNanos(USD)).build())
                .getResults(0).getBudgetIdsList()).isEmpty();
        StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class, () -> get(created));
        assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(budgets.listBudgets(ListBudgetsRequest.newBuilder().setTenantId(tenant).build()).getBudgetsList()).isEmpty();
        assertThat(budgets.listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant).build()).getEventsList())
                .extracting(e -> e.getThresholdPercent()).containsExactly(80, 100);
        // Deleting again: NOT_FOUND.
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> budgets.deleteBudget(DeleteBudgetRequest
                .newBuilder().setTenantId(tenant).setBudgetId(created.getBudgetId()).build())).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    private Budget create(long limit) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName("daily").setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setLimit(ProtoMoney.of(limit))
                .addThresholdPercents(80).addThresholdPercents(100)).build()).getBudget();
    }

    private Budget update(Budget.Builder budget, String... paths) {
        return budgets.updateBudget(UpdateBudgetRequest.newBuilder().setBudget(budget)
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).build()).getBudget();
    }

    private Budget get(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .build()).getBudget();
    }

    private CheckBudgetResponse check(long estimate) {
        return budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant).setEstimatedCostNanos(estimate)
                .setTime(BudgetServiceTest.ts(noon)).build());
    }
}

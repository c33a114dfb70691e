package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL fails after Redis counted a batch: the retry (a DUPLICATE) still writes the lost threshold events. */
@QuarkusTest
class ThresholdRecoveryTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    @Inject
    DataSource dataSource;

    final String tenant = "recover-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void clean() throws SQLException {
        TestRedis.deleteTenantKeys(redis, tenant);
        sql("ALTER TABLE IF EXISTS budget.budget_events_unavailable RENAME TO budget_events");
    }

    @Test
    void crossingsLostToAPostgresFailureAreWrittenOnRetry() throws SQLException {
        Budget budget = budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder()
                .setTenantId(tenant).setDisplayName("ten").setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY)
                .setLimit(ProtoMoney.of(10 * USD)).addThresholdPercents(50).addThresholdPercents(100)).build()).getBudget();
        // $6 of $10 crosses 50 % (5 x 100 < ... : 6e9 x 100 >= 10e9 x 50).
        ChargeSpendRequest request = ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder()
                .setEventId("big").setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(noon)).setCostNanos(6 * USD))
                .build();

        sql("ALTER TABLE budget.budget_events RENAME TO budget_events_unavailable");
        StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class, () -> budgets.chargeSpend(request));
        sql("ALTER TABLE budget.budget_events_unavailable RENAME TO budget_events");
        assertThat(failed).isNotNull();
        assertThat(events()).isEmpty();

        // The retry is a duplicate (Redis counted it once) but writes the 50 % crossing of the first attempt.
        ChargeSpendResponse retry = budgets.chargeSpend(request);
        assertThat(retry.getResults(0).getStatus()).isEqualTo(ChargeStatus.CHARGE_STATUS_DUPLICATE);
        List<BudgetEvent> events = events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getThresholdPercent()).isEqualTo(50);
        assertThat(events.get(0).getSpent()).isEqualTo(ProtoMoney.of(6 * USD));
        assertThat(events.get(0).getBudgetId()).isEqualTo(budget.getBudgetId());

        // Further retries never write it twice.
        budgets.chargeSpend(request);
        assertThat(events()).hasSize(1);
    }

    private List<BudgetEvent> events() {
        return budgets.listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant).build()).getEventsList();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}

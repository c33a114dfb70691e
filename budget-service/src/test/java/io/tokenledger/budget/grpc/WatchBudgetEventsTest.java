package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.budget.v1.WatchBudgetEventsRequest;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WatchBudgetEvents streams crossings as they are written and resumes after a cursor. */
@QuarkusTest
class WatchBudgetEventsTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "watch-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void clean() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void streamsNewEventsAndResumesFromACursor() throws Exception {
        Budget budget = budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder()
                .setTenantId(tenant).setDisplayName("ten").setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY)
                .setLimit(ProtoMoney.of(10 * USD)).addThresholdPercents(50).addThresholdPercents(100)).build()).getBudget();
        Context.CancellableContext watch = Context.current().withCancellation();
        try {
            Iterator<BudgetEvent> stream = watch.call(() -> budgets.withDeadlineAfter(20, TimeUnit.SECONDS)
                    .watchBudgetEvents(WatchBudgetEventsRequest.newBuilder().setTenantId(tenant).build()));
            // Charged after the watch started: $6 crosses 50 %, then $5 more ($11) crosses 100 %.
            charge("a", 6 * USD);
            charge("b", 5 * USD);
            BudgetEvent first = stream.next();
            BudgetEvent second = stream.next();
            assertThat(first.getThresholdPercent()).isEqualTo(50);
            assertThat(second.getThresholdPercent()).isEqualTo(100);
            assertThat(second.getSpent()).isEqualTo(ProtoMoney.of(11 * USD));
            assertThat(second.getSequence()).isGreaterThan(first.getSequence());
            assertThat(first.getBudgetId()).isEqualTo(budget.getBudgetId());

            // A watcher that reconnects after the first event gets exactly the second next.
            Iterator<BudgetEvent> resumed = watch.call(() -> budgets.withDeadlineAfter(20, TimeUnit.SECONDS)
                    .watchBudgetEvents(WatchBudgetEventsRequest.newBuilder().setTenantId(tenant)
                            .setAfterSequence(first.getSequence()).build()));
            assertThat(resumed.next().getEventId()).isEqualTo(second.getEventId());
        } finally {
            watch.cancel(null);
        }
    }

    private void charge(String eventId, long cost) {
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId(eventId)
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(noon)).setCostNanos(cost)).build());
    }
}

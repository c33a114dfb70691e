package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CheckBudget runs on the event loop, so under overload more checks can wait for Redis than the connection pool
 * queues: those are shed as UNAVAILABLE (retryable, with what to do), never INTERNAL, and the rest are answered.
 */
@QuarkusTest
@TestProfile(RedisOverloadTest.TinyRedisPool.class)
class RedisOverloadTest {

    /** One Redis connection and one waiting request: a burst of checks overflows it at once. */
    public static class TinyRedisPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.max-pool-size", "1", "quarkus.redis.max-pool-waiting", "1");
        }
    }

    @GrpcClient("budget")
    io.grpc.Channel channel;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "overload-" + UUID.randomUUID();

    @AfterEach
    void clean() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void checksBeyondThePoolQueueAreShedAsUnavailable() throws Exception {
        budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName("all").setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY)
                .setLimit(ProtoMoney.of(1_000_000_000_000L))).build());
        BudgetServiceGrpc.BudgetServiceFutureStub async = BudgetServiceGrpc.newFutureStub(channel);
        List<ListenableFuture<CheckBudgetResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(async.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant)
                    .setEstimatedCostNanos(1_000).build()));
        }
        int answered = 0;
        int shed = 0;
        for (ListenableFuture<CheckBudgetResponse> call : calls) {
            try {
                call.get(30, TimeUnit.SECONDS);
                answered++;
            } catch (ExecutionException e) {
                Status status = Status.fromThrowable(e.getCause());
                assertThat(status.getCode()).as("%s", status).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(status.getDescription()).contains("retry with backoff");
                shed++;
            }
        }
        assertThat(answered + shed).isEqualTo(200);
        assertThat(shed).as("a burst of 200 overflows a pool of 1 + 1 waiting").isPositive();
        assertThat(answered).isPositive();
    }
}

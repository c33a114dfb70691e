package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthGrpc;
import io.grpc.Channel;
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
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.platform.money.ProtoMoney;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The budget benchmark ({@code bench/budget.sh}; runs only with {@code -Dbench=true}): in-process service, real
 * gRPC over loopback and real Redis. Prints admission under 1,000 concurrent checks (reserving vs naive
 * check-then-charge on the same Redis) and CheckBudget latency next to a bare gRPC and a bare EVALSHA round trip.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BudgetBench {

    static final long USD = 1_000_000_000L;
    static final long TEN_CENTS = 100_000_000L;
    static final int CONCURRENT = 1_000;
    static final int RATE_PER_SECOND = Integer.getInteger("bench.rate", 2_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 5);

    @GrpcClient("budget")
    Channel channel;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redisData;

    @Inject
    Redis redis;

    final String tenant = "bench-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
    final StringBuilder report = new StringBuilder();

    @AfterEach
    void clean() {
        TestRedis.deleteTenantKeys(redisData, tenant);
    }

    @Test
    void bench() throws Exception {
        line("budget bench: %d concurrent CheckBudget calls of $0.10; in-process service, loopback gRPC, Redis %s",
                CONCURRENT, org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.redis.hosts", String.class).orElse("?"));
        // 1. One $5.00 budget.
        Budget single = create("single $5", Map.of("feature", "solo"), 5 * USD);
        admission("single $5.00 budget", List.of(single), Map.of("feature", "solo"), 5 * USD);
        // 2. A three-level chain: customer $5 < feature $8 < tenant $10: the customer is the tightest.
        Budget tenantWide = create("tenant $10", Map.of("environment", "chain"), 10 * USD);
        Budget feature = create("feature $8", Map.of("environment", "chain", "feature", "chat"), 8 * USD);
        Budget customer = create("customer $5", Map.of("environment", "chain", "feature", "chat", "customer", "c1"), 5 * USD);
        admission("3-level chain (customer $5 < feature $8 < tenant $10)", List.of(customer, feature, tenantWide),
                Map.of("environment", "chain", "feature", "chat", "customer", "c1"), 5 * USD);
        // 3. Latency at a fixed arrival rate.
        latency();
        Path out = Path.of("target", "bench-budget.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }

    private void admission(String label, List<Budget> chain, Map<String, String> dims, long limit) throws Exception {
        List<CheckBudgetResponse> answers = concurrently(CONCURRENT, () -> budgets.checkBudget(CheckBudgetRequest.newBuilder()
                .setTenantId(tenant).putAllDimensions(dims).setEstimatedCostNanos(TEN_CENTS).setTime(BudgetServiceTest.ts(noon))
                .build()));
        List<String> admitted = answers.stream().filter(a -> a.getDecision() != Decision.DECISION_DENY)
                .map(CheckBudgetResponse::getReservationId).toList();
        List<SpendCharge> settle = new ArrayList<>();
        for (String reservation : admitted) {
            settle.add(SpendCharge.newBuilder().setEventId("settle-" + reservation).setTenantId(tenant)
                    .setOccurredTime(BudgetServiceTest.ts(noon)).putAllDimensions(dims).setCostNanos(TEN_CENTS)
                    .setReservationId(reservation).build());
        }
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addAllCharges(settle).build());
        long spent = spent(chain.get(0));
        long overshoot = Math.max(0, spent - limit);

        // Naive contrast on the same Redis: read every counter, compare, then INCRBY each, as separate calls.
        String prefix = "tl:{" + tenant + "}:naive:" + UUID.randomUUID() + ":";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            keys.add(prefix + i);
        }
        long[] limits = new long[chain.size()];
        for (int i = 0; i < chain.size(); i++) {
            limits[i] = ProtoMoney.toNanos(chain.get(i).getLimit());
        }
        AtomicInteger naiveAdmitted = new AtomicInteger();
        concurrently(CONCURRENT, () -> {
            for (int i = 0; i < keys.size(); i++) {
                String value = redisData.value(String.class).get(keys.get(i));
                long current = value == null ? 0 : Long.parseLong(value);
                if (current + TEN_CENTS > limits[i]) {
                    return false;
                }
            }
            for (String key : keys) {
                redisData.value(Long.class).incrby(key, TEN_CENTS);
            }
            naiveAdmitted.incrementAndGet();
            return true;
        });
        long naiveSpent = Long.parseLong(redisData.value(String.class).get(keys.get(0)));
        line("%-55s reserving: admitted %4d, settled spend %s of %s, overshoot %s%s", label, admitted.size(),
                usd(spent), usd(limit), usd(overshoot), overshoot == 0 && admitted.size() == limit / TEN_CENTS ? "  OK" : "  FAIL");
        line("%-55s naive check-then-charge: admitted %4d, spend %s, overshoot %s", "", naiveAdmitted.get(),
                usd(naiveSpent), usd(Math.max(0, naiveSpent - limit)));
        assertThat(admitted).hasSize((int) (limit / TEN_CENTS));
        assertThat(overshoot).isZero();
    }

    private void latency() throws Exception {
        Budget big = create("latency $1M", Map.of("environment", "latency"), 1_000_000 * USD);
        create("latency feature", Map.of("environment", "latency", "feature", "f"), 1_000_000 * USD);
        create("latency customer", Map.of("environment", "latency", "feature", "f", "customer", "c"), 1_000_000 * USD);
        BudgetServiceGrpc.BudgetServiceFutureStub async = BudgetServiceGrpc.newFutureStub(channel);
        HealthGrpc.HealthFutureStub health = HealthGrpc.newFutureStub(channel);
        String sha = redis.sendAndAwait(Request.cmd(Command.SCRIPT).arg("LOAD").arg("return 1")).toString();
        CheckBudgetRequest check = CheckBudgetRequest.newBuilder().setTenantId(tenant)
                .putAllDimensions(Map.of("environment", "latency", "feature", "f", "customer", "c"))
                .setEstimatedCostNanos(1_000).build();

        Supplier<CompletableFuture<?>> checkCall = () -> toFuture(async.checkBudget(check));
        // A 24 h rolling budget: the script sums 1,441 minute buckets (MGET) per check.
        budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName("rolling 24h").putScope("environment", "rolling").setPeriod(BudgetPeriod.BUDGET_PERIOD_ROLLING)
                .setRollingWindow(com.google.protobuf.Duration.newBuilder().setSeconds(86_400))
                .setLimit(ProtoMoney.of(1_000_000 * USD))).build());
        CheckBudgetRequest rollingCheck = check.toBuilder().clearDimensions().putDimensions("environment", "rolling").build();
        Supplier<CompletableFuture<?>> rollingCall = () -> toFuture(async.checkBudget(rollingCheck));
        Supplier<CompletableFuture<?>> noopCall = () -> toFuture(health.check(HealthCheckRequest.getDefaultInstance()));
        Supplier<CompletableFuture<?>> evalCall = () -> redis.send(Request.cmd(Command.EVALSHA).arg(sha).arg(0))
                .subscribeAsCompletionStage();
        // Warm-up (JIT, connections), unmeasured.
        paced(checkCall, RATE_PER_SECOND, 4);
        paced(noopCall, RATE_PER_SECOND, 1);
        paced(evalCall, RATE_PER_SECOND, 1);
        paced(rollingCall, RATE_PER_SECOND, 2);

        Paced grpc = paced(noopCall, RATE_PER_SECOND, SECONDS);
        Paced eval = paced(evalCall, RATE_PER_SECOND, SECONDS);
        Paced checks = paced(checkCall, RATE_PER_SECOND, SECONDS);
        Paced rolling = paced(rollingCall, RATE_PER_SECOND, SECONDS);
        line("latency at %d calls/s for %d s each (open loop, loopback; %d CPUs, load average before: %s):",
                RATE_PER_SECOND, SECONDS, Runtime.getRuntime().availableProcessors(), loadAverage());
        line("  %-52s p50 %7.3f ms  p99 %7.3f ms  (n=%d)", "bare gRPC no-op (grpc.health.v1 Check)", grpc.ms(50), grpc.ms(99), grpc.n());
        line("  %-52s p50 %7.3f ms  p99 %7.3f ms  (n=%d)", "bare Redis EVALSHA (return 1)", eval.ms(50), eval.ms(99), eval.n());
        line("  %-52s p50 %7.3f ms  p99 %7.3f ms  (n=%d, failed %d)", "CheckBudget, 3-budget chain, reserving",
                checks.ms(50), checks.ms(99), checks.n(), checks.failed());
        line("  %-52s p50 %7.3f ms  p99 %7.3f ms  (n=%d, failed %d)", "CheckBudget, one 24 h rolling budget (1,441 buckets)",
                rolling.ms(50), rolling.ms(99), rolling.n(), rolling.failed());
        line("  ratio CheckBudget / bare gRPC: p50 %.2fx  p99 %.2fx   (target p99 < 2 ms and < 4x: %s)",
                checks.ms(50) / grpc.ms(50), checks.ms(99) / grpc.ms(99),
                checks.ms(99) < 2.0 && checks.ms(99) < 4 * grpc.ms(99) ? "MET" : "NOT MET");
        line("  ratio CheckBudget / bare EVALSHA: p50 %.2fx  p99 %.2fx", checks.ms(50) / eval.ms(50), checks.ms(99) / eval.ms(99));
        assertThat(big.getBudgetId()).isNotEmpty();
    }

    /** One paced measurement: every call's latency in nanos, sorted, and how many calls failed (e.g. shed). */
    private record Paced(long[] sorted, long failed) {

        double ms(int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1_000_000.0;
        }

        int n() {
            return sorted.length;
        }
    }

    /** Fires calls at a fixed rate (not waiting for answers) and measures each call's latency. */
    private static Paced paced(Supplier<CompletableFuture<?>> call, int perSecond, int seconds) throws Exception {
        int total = perSecond * seconds;
        long interval = 1_000_000_000L / perSecond;
        long[] latencies = new long[total];
        CompletableFuture<?>[] all = new CompletableFuture<?>[total];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            long sent = System.nanoTime();
            all[i] = call.get().whenComplete((r, e) -> latencies[index] = System.nanoTime() - sent);
        }
        try {
            CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException overloaded) {
            // Shed calls (UNAVAILABLE) still count with their latency; the report says how many there were.
            CompletableFuture.allOf(java.util.Arrays.stream(all).map(f -> f.exceptionally(e -> null))
                    .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        long failed = java.util.Arrays.stream(all).filter(CompletableFuture::isCompletedExceptionally).count();
        if (Boolean.getBoolean("bench.dump")) {
            StringBuilder dump = new StringBuilder();
            for (long l : latencies) {
                dump.append(l / 1000).append('\n');
            }
            Files.writeString(Path.of("target", "bench-latency-" + System.nanoTime() + ".txt"), dump);
        }
        Arrays.sort(latencies);
        return new Paced(latencies, failed);
    }

    private static <T> CompletableFuture<T> toFuture(ListenableFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        future.addListener(() -> {
            try {
                result.complete(future.get());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static <T> List<T> concurrently(int calls, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(task);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Budget create(String name, Map<String, String> scope, long limit) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName(name).putAllScope(scope).setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY)
                .setLimit(ProtoMoney.of(limit))).build()).getBudget();
    }

    private long spent(Budget budget) {
        return budgets.getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budget.getBudgetId())
                .setAtTime(BudgetServiceTest.ts(noon)).build()).getStatus().getSpentNanos();
    }

    private static String usd(long nanos) {
        return "$" + ProtoMoney.of(nanos).getUnits() + "." + String.format("%02d", ProtoMoney.of(nanos).getNanos() / 10_000_000);
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        report.append(text).append('\n');
        PrintStream out = System.out;
        out.println(text);
    }
}

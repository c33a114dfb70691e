package io.tokenledger.budget.redis;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.Window;
import io.smallrye.mutiny.Uni;
import io.tokenledger.platform.error.TokenLedgerException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reservations of CheckBudget estimates: one EVALSHA of {@code redis/reserve.lua} checks every matching budget
 * window and either reserves the estimate in all of them or touches none. The same script in 'peek' mode reads
 * spent and reserved (dropping expired reservations first), so statuses never count an expired reservation.
 */
@ApplicationScoped
public class Reservations {

    /** How long a reservation record outlives its expiry, so a late settle still finds (and ignores) it. */
    static final Duration RECORD_GRACE = Duration.ofDays(1);

    /** Spent and reserved of one window, before this call's reservation. */
    public record Counted(long spentNanos, long reservedNanos) {
    }

    /**
     * Whether the estimate was reserved, what every window held before, and the reservation's record
     * ({@code <id>|<window base key>|<amount>|...}, what {@link #restore} puts back).
     */
    public record Outcome(boolean admitted, List<Counted> counted, String record) {

        public Outcome(boolean admitted, List<Counted> counted) {
            this(admitted, counted, "");
        }
    }

    private final LuaScript script;
    private final LuaScript restoreScript;

    public Reservations(Redis redis) {
        this.script = new LuaScript(redis, "/redis/reserve.lua");
        this.restoreScript = new LuaScript(redis, "/redis/restore.lua");
    }

    /** Reserves a USD estimate (no tokens) and waits for the answer (not on an event loop); see {@link #reserveAsync}. */
    public Outcome reserve(String tenant, List<SpendCounters.Target> targets, String reservationId, long amount,
                           Instant now, Instant expiry) {
        return reserveAsync(tenant, targets, reservationId, amount, 0L, now, expiry).await().indefinitely();
    }

    /**
     * Reserves the estimate (nano-USD in USD budgets, tokens in token budgets) in every target window unless an
     * enforced budget would exceed its deny cap ({@code spent + reserved + amount > cap}); shadow budgets never stop it.
     */
    public Uni<Outcome> reserveAsync(String tenant, List<SpendCounters.Target> targets, String reservationId,
                                     long estimateNanos, long estimateTokens, Instant now, Instant expiry) {
        StringBuilder record = new StringBuilder().append(reservationId);
        for (SpendCounters.Target target : targets) {
            record.append('|').append(CounterKeys.base(tenant, target.budget(), target.window()))
                    .append('|').append(target.budget().amountOf(estimateNanos, estimateTokens));
        }
        long recordTtl = Duration.between(now, expiry).plus(RECORD_GRACE).toMillis();
        String recorded = record.toString();
        return script.runAsync(sha -> request(sha, tenant, targets, CounterKeys.reservation(tenant, reservationId), now,
                        expiry, estimateNanos, estimateTokens, reservationId, recorded, recordTtl, "reserve"))
                .map(response -> outcome(response, targets.size(), recorded))
                // Overload: more checks wait for a Redis connection than the pool queues. Shed them as retryable.
                .onFailure(ConnectionPoolTooBusyException.class).transform(e -> new TokenLedgerException.Unavailable(
                        "REDIS_BUSY", "too many budget checks are waiting for Redis; retry with backoff", e));
    }

    /** Spent and open reservations of each target window at {@code now}. */
    public List<Counted> peek(String tenant, List<SpendCounters.Target> targets, Instant now) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Response response = script.run(sha -> request(sha, tenant, targets, CounterKeys.reservation(tenant, ""), now,
                now, 0, 0, "-", "", 1, "peek"));
        return outcome(response, targets.size(), "").counted();
    }

    private static Request request(String sha, String tenant, List<SpendCounters.Target> targets, String recordKey,
                                   Instant now, Instant expiry, long estimateNanos, long estimateTokens,
                                   String reservationId, String record, long recordTtlMillis, String mode) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1 + 3 * targets.size()).arg(recordKey);
        for (SpendCounters.Target target : targets) {
            String base = CounterKeys.base(tenant, target.budget(), target.window());
            String spent = target.budget().rolling() ? CounterKeys.bucketPrefix(tenant, target.budget().id())
                    : base + ":spent";
            request.arg(spent).arg(base + ":rsv").arg(base + ":rz");
        }
        request.arg(now.toEpochMilli()).arg(expiry.toEpochMilli()).arg(reservationId).arg(record)
                .arg(recordTtlMillis).arg(mode);
        for (SpendCounters.Target target : targets) {
            Budget budget = target.budget();
            Window window = target.window();
            request.arg(budget.denyCap()).arg(budget.shadow() ? "0" : "1")
                    .arg(Math.max(window.end().plus(SpendCounters.COUNTER_RETENTION).getEpochSecond(),
                            expiry.plus(RECORD_GRACE).getEpochSecond()))
                    .arg(budget.amountOf(estimateNanos, estimateTokens));
            SpendCounters.addBuckets(request, target);
        }
        return request;
    }

    private static Outcome outcome(Response response, int targets, String record) {
        List<Counted> counted = new ArrayList<>(targets);
        for (int i = 0; i < targets; i++) {
            counted.add(new Counted(response.get(1 + 2 * i).toLong(), response.get(2 + 2 * i).toLong()));
        }
        return new Outcome(response.get(0).toLong() == 1L, counted, record);
    }

    /**
     * Puts an open reservation back into every window whose reservation set lacks it (after a Redis loss); a window
     * that still holds it is left alone, so restoring twice never counts twice. Returns the windows restored.
     */
    public long restore(String tenant, String reservationId, String record, Instant now, Instant expiry) {
        long recordTtl = Duration.between(now, expiry).plus(RECORD_GRACE).toMillis();
        long keysExpiry = expiry.plus(SpendCounters.COUNTER_RETENTION).getEpochSecond();
        return restoreScript.run(sha -> Request.cmd(Command.EVALSHA).arg(sha).arg(1)
                .arg(CounterKeys.reservation(tenant, reservationId))
                .arg(record).arg(expiry.toEpochMilli()).arg(recordTtl).arg(keysExpiry)).toLong();
    }
}

package io.tokenledger.budget.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.Window;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import io.tokenledger.budget.domain.RollingBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live spend counters in Redis, charged by {@code redis/charge.lua}: per event, dedupe and every counter increment
 * happen atomically, so an event counts exactly once under retries and concurrency. One script call charges a run of
 * up to {@value #CHARGES_PER_CALL} events of one tenant (one cluster slot), and a batch's calls are sent pipelined:
 * one round trip per chunk rather than per event.
 */
@ApplicationScoped
public class SpendCounters {

    /** How long an event id is remembered for dedupe. */
    static final Duration DEDUPE_TTL = Duration.ofDays(7);
    /** How long a window's counter outlives the window (late reads, rebuild checks). */
    public static final Duration COUNTER_RETENTION = Duration.ofDays(35);
    /** How long a rolling bucket outlives the last window that contains it. */
    static final Duration ROLLING_BUCKET_RETENTION = Duration.ofDays(1);
    private static final int PIPELINE_CHUNK = 500;
    /**
     * Charges per script call. Redis runs one script at a time, so a CheckBudget may wait for one call: 100 charges
     * took 775 µs per call in the ingest benchmark (INFO commandstats), 25 keep that wait near 0.2 ms.
     */
    static final int CHARGES_PER_CALL = 25;

    /** One budget's window a charge goes to. */
    public record Target(Budget budget, Window window) {
    }

    /**
     * One charge to apply: its event, cost, tokens, the windows it counts in, when it happened (selects a rolling
     * bucket) and the reservation it settles ("" = none; the empty id names a record that is never written).
     */
    public record Charge(String tenant, String eventId, long costNanos, List<Target> targets, String reservationId,
                         long totalTokens, Instant occurredAt) {

        /** A USD-only charge at the start of its first target's window. */
        public Charge(String tenant, String eventId, long costNanos, List<Target> targets, String reservationId) {
            this(tenant, eventId, costNanos, targets, reservationId, 0L,
                    targets.isEmpty() ? Instant.EPOCH : targets.get(0).window().start());
        }

        /** What this charge counts in the target's budget (its unit). */
        public long amountFor(Target target) {
            return target.budget().amountOf(costNanos, totalTokens);
        }
    }

    /**
     * The outcome of one charge: the counters' values right after it, in target order; or, for a duplicate, the
     * values the first attempt left, per budget id (to re-derive its threshold crossings).
     */
    public record Applied(boolean duplicate, List<Long> after, Map<String, Long> firstAfterByBudget) {
    }

    private final RedisDataSource redisData;
    private final LuaScript script;

    public SpendCounters(RedisDataSource redisData, Redis redis) {
        this.redisData = redisData;
        this.script = new LuaScript(redis, "/redis/charge.lua");
    }

    /** Applies every charge; results in the same order. */
    public List<Applied> apply(List<Charge> charges) {
        List<Applied> applied = new ArrayList<>(charges.size());
        for (int from = 0; from < charges.size(); from += PIPELINE_CHUNK) {
            applied.addAll(applyChunk(charges.subList(from, Math.min(charges.size(), from + PIPELINE_CHUNK))));
        }
        return applied;
    }

    private List<Applied> applyChunk(List<Charge> chunk) {
        List<List<Charge>> calls = calls(chunk);
        List<Response> responses = script.batch(sha -> calls.stream().map(call -> request(call, sha)).toList());
        List<Applied> applied = new ArrayList<>(chunk.size());
        for (Response perCall : responses) {
            for (Response response : perCall) {
                applied.add(applied(response));
            }
        }
        return applied;
    }

    /** The chunk cut into runs of one tenant, each at most {@link #CHARGES_PER_CALL} long; order kept. */
    static List<List<Charge>> calls(List<Charge> chunk) {
        List<List<Charge>> calls = new ArrayList<>();
        List<Charge> current = new ArrayList<>();
        for (Charge charge : chunk) {
            if (!current.isEmpty() && (current.size() == CHARGES_PER_CALL
                    || !current.get(0).tenant().equals(charge.tenant()))) {
                calls.add(current);
                current = new ArrayList<>();
            }
            current.add(charge);
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }

    private static Applied applied(Response response) {
        if (response.get(0).toLong() == 0L) {
            return new Applied(true, List.of(), parseStored(response.size() > 1 ? response.get(1).toString() : ""));
        }
        List<Long> after = new ArrayList<>(response.size() - 1);
        for (int i = 1; i < response.size(); i++) {
            after.add(response.get(i).toLong());
        }
        return new Applied(false, after, Map.of());
    }

    /** "bud_a=123,bud_b=456" -> {bud_a: 123, bud_b: 456}; keys written before this format hold "1" (no data). */
    static Map<String, Long> parseStored(String stored) {
        Map<String, Long> afters = new LinkedHashMap<>();
        for (String pair : stored.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                afters.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return afters;
    }

    /** One script call for a run of charges of one tenant: all keys first, then the arguments (see charge.lua). */
    private static Request request(List<Charge> charges, String sha) {
        int keys = 0;
        for (Charge charge : charges) {
            keys += 2 + charge.targets().size();
        }
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(keys);
        for (Charge charge : charges) {
            request.arg(CounterKeys.charged(charge.tenant(), charge.eventId()))
                    .arg(CounterKeys.reservation(charge.tenant(), charge.reservationId()));
            for (Target target : charge.targets()) {
                request.arg(CounterKeys.counter(charge.tenant(), target.budget(), target.window(), charge.occurredAt()));
            }
        }
        request.arg(DEDUPE_TTL.toSeconds()).arg(charges.size());
        for (Charge charge : charges) {
            request.arg(charge.targets().size()).arg(charge.reservationId().isBlank() ? 0 : 1);
            for (Target target : charge.targets()) {
                request.arg(charge.amountFor(target)).arg(counterExpiry(target)).arg(target.budget().id());
                addBuckets(request, target);
            }
        }
        return request;
    }

    /**
     * When a target's counter expires: a calendar window's counter outlives its window by the retention; a rolling
     * bucket lives while any window can contain it, plus a day.
     */
    static long counterExpiry(Target target) {
        if (target.budget().rolling()) {
            return target.window().end().plus(target.budget().rollingWindow()).plus(ROLLING_BUCKET_RETENTION).getEpochSecond();
        }
        return target.window().end().plus(COUNTER_RETENTION).getEpochSecond();
    }

    /**
     * Adds "first bucket, bucket count, bucket width, aggregate width" (all 0 for a calendar window) to a script
     * call.
     */
    static void addBuckets(Request request, Target target) {
        if (!target.budget().rolling()) {
            request.arg(0).arg(0).arg(0).arg(0);
            return;
        }
        long width = RollingBuckets.bucket(target.budget().rollingWindow()).getSeconds();
        long first = target.window().start().getEpochSecond();
        request.arg(first).arg((target.window().end().getEpochSecond() - first) / width).arg(width)
                .arg(RollingBuckets.aggregate(target.budget().rollingWindow()).getSeconds());
    }

    /** Sets each target's spent counter to the given value (counter rebuild), with the usual expiry. */
    public void overwrite(String tenant, List<Target> targets, List<Long> spent) {
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            redisData.execute(Command.SET.toString(), CounterKeys.spent(tenant, target.budget().id(), target.window()),
                    Long.toString(spent.get(i)), "EXAT",
                    Long.toString(target.window().end().plus(COUNTER_RETENTION).getEpochSecond()));
        }
    }

    /**
     * Replaces every bucket counter of a rolling target's window: buckets not in {@code amounts} (bucket start ->
     * amount) are deleted.
     */
    public void overwriteBuckets(String tenant, Target target, Map<Instant, Long> amounts) {
        long width = RollingBuckets.bucket(target.budget().rollingWindow()).getSeconds();
        String prefix = CounterKeys.bucketPrefix(tenant, target.budget().id());
        List<String> keys = new ArrayList<>();
        long aggregate = RollingBuckets.aggregate(target.budget().rollingWindow()).getSeconds();
        for (long b = target.window().start().getEpochSecond(); b < target.window().end().getEpochSecond(); b += width) {
            keys.add(prefix + b);
        }
        for (long a = Math.floorDiv(target.window().start().getEpochSecond(), aggregate) * aggregate;
             a < target.window().end().getEpochSecond(); a += aggregate) {
            keys.add(prefix + "a:" + a);
        }
        for (int from = 0; from < keys.size(); from += PIPELINE_CHUNK) {
            redisData.execute(Command.DEL.toString(), keys.subList(from, Math.min(keys.size(), from + PIPELINE_CHUNK)).toArray(String[]::new));
        }
        long expiry = counterExpiry(target);
        Map<Long, Long> aggregates = new java.util.TreeMap<>();
        amounts.forEach((bucket, amount) -> {
            redisData.execute(Command.SET.toString(), prefix + bucket.getEpochSecond(), Long.toString(amount), "EXAT",
                    Long.toString(expiry));
            aggregates.merge(Math.floorDiv(bucket.getEpochSecond(), aggregate) * aggregate, amount, Long::sum);
        });
        aggregates.forEach((start, amount) -> redisData.execute(Command.SET.toString(), prefix + "a:" + start,
                Long.toString(amount), "EXAT", Long.toString(expiry)));
    }

    /** Spend so far in each target's window (0 when nothing was charged), with one MGET; targets of one tenant. */
    public List<Long> spent(String tenant, List<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(targets.size());
        for (Target target : targets) {
            args.add(CounterKeys.spent(tenant, target.budget().id(), target.window()));
        }
        Response response = redisData.execute(Command.MGET.toString(), args.toArray(String[]::new));
        List<Long> spent = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Response value = response.get(i);
            spent.add(value == null ? 0L : value.toLong());
        }
        return spent;
    }
}

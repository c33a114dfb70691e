package io.tokenledger.budget.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.Window;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live spend counters in Redis. A charge is one EVALSHA of {@code redis/charge.lua}: dedupe and every counter
 * increment happen atomically, so an event counts exactly once under retries and concurrency. A batch of charges
 * is sent pipelined, one round trip per chunk rather than per event.
 */
@ApplicationScoped
public class SpendCounters {

    /** How long an event id is remembered for dedupe. */
    static final Duration DEDUPE_TTL = Duration.ofDays(7);
    /** How long a window's counter outlives the window (late reads, rebuild checks). */
    static final Duration COUNTER_RETENTION = Duration.ofDays(35);
    private static final int PIPELINE_CHUNK = 500;

    /** One budget's window a charge goes to. */
    public record Target(Budget budget, Window window) {
    }

    /**
     * One charge to apply: its event, cost, the windows it counts in and the reservation it settles ("" = none;
     * the empty id names a record that is never written).
     */
    public record Charge(String tenant, String eventId, long costNanos, List<Target> targets, String reservationId) {
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
        List<Response> responses = script.batch(sha -> requests(chunk, sha));
        List<Applied> applied = new ArrayList<>(chunk.size());
        for (Response response : responses) {
            if (response.get(0).toLong() == 0L) {
                applied.add(new Applied(true, List.of(), parseStored(response.size() > 1 ? response.get(1).toString() : "")));
                continue;
            }
            List<Long> after = new ArrayList<>(response.size() - 1);
            for (int i = 1; i < response.size(); i++) {
                after.add(response.get(i).toLong());
            }
            applied.add(new Applied(false, after, Map.of()));
        }
        return applied;
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

    private static List<Request> requests(List<Charge> chunk, String sha) {
        List<Request> requests = new ArrayList<>(chunk.size());
        for (Charge charge : chunk) {
            Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(2 + charge.targets().size())
                    .arg(CounterKeys.charged(charge.tenant(), charge.eventId()))
                    .arg(CounterKeys.reservation(charge.tenant(), charge.reservationId()));
            for (Target target : charge.targets()) {
                request.arg(CounterKeys.spent(charge.tenant(), target.budget().id(), target.window()));
            }
            request.arg(DEDUPE_TTL.toSeconds()).arg(charge.costNanos());
            for (Target target : charge.targets()) {
                request.arg(target.window().end().plus(COUNTER_RETENTION).getEpochSecond());
            }
            for (Target target : charge.targets()) {
                request.arg(target.budget().id());
            }
            requests.add(request);
        }
        return requests;
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

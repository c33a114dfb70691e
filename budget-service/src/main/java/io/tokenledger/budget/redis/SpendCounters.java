package io.tokenledger.budget.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.Window;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(SpendCounters.class);

    /** One budget's window a charge goes to. */
    public record Target(Budget budget, Window window) {
    }

    /** One charge to apply: its event, cost and the windows it counts in. */
    public record Charge(String tenant, String eventId, long costNanos, List<Target> targets) {
    }

    /** The outcome of one charge: duplicate, or the counters' values right after it, in target order. */
    public record Applied(boolean duplicate, List<Long> after) {
    }

    private final RedisDataSource redisData;
    private final Redis redis;
    private final String script;
    private volatile String sha;

    public SpendCounters(RedisDataSource redisData, Redis redis) {
        this.redisData = redisData;
        this.redis = redis;
        this.script = readScript();
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
        List<Response> responses;
        try {
            responses = redis.batchAndAwait(requests(chunk, scriptSha()));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            // Redis lost its script cache (restart, SCRIPT FLUSH): no command of the batch ran, so resend.
            LOG.info("Redis lost the charge script; loading it again");
            sha = null;
            responses = redis.batchAndAwait(requests(chunk, scriptSha()));
        }
        List<Applied> applied = new ArrayList<>(chunk.size());
        for (Response response : responses) {
            if (response.get(0).toLong() == 0L) {
                applied.add(new Applied(true, List.of()));
                continue;
            }
            List<Long> after = new ArrayList<>(response.size() - 1);
            for (int i = 1; i < response.size(); i++) {
                after.add(response.get(i).toLong());
            }
            applied.add(new Applied(false, after));
        }
        return applied;
    }

    private static List<Request> requests(List<Charge> chunk, String sha) {
        List<Request> requests = new ArrayList<>(chunk.size());
        for (Charge charge : chunk) {
            Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1 + charge.targets().size())
                    .arg(CounterKeys.charged(charge.tenant(), charge.eventId()));
            for (Target target : charge.targets()) {
                request.arg(CounterKeys.spent(charge.tenant(), target.budget().id(), target.window()));
            }
            request.arg(DEDUPE_TTL.toSeconds()).arg(charge.costNanos());
            for (Target target : charge.targets()) {
                request.arg(target.window().end().plus(COUNTER_RETENTION).getEpochSecond());
            }
            requests.add(request);
        }
        return requests;
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

    private String scriptSha() {
        String current = sha;
        if (current == null) {
            current = redisData.execute("SCRIPT", "LOAD", script).toString();
            sha = current;
        }
        return current;
    }

    private static String readScript() {
        try (InputStream in = SpendCounters.class.getResourceAsStream("/redis/charge.lua")) {
            if (in == null) {
                throw new IllegalStateException("redis/charge.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

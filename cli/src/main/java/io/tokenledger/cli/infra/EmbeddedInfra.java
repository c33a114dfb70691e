package io.tokenledger.cli.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis for the demo: embedded by default (a real PostgreSQL 17 and redis-server, each on a free
 * port, gone on close), or existing servers chosen by URL (flag, else TOKENLEDGER_PG_URL / TOKENLEDGER_REDIS_URL).
 */
public final class EmbeddedInfra implements AutoCloseable {

    public static final String PG_URL_ENV = "TOKENLEDGER_PG_URL";
    public static final String REDIS_URL_ENV = "TOKENLEDGER_REDIS_URL";

    private final Infra infra;
    private final EmbeddedPostgres postgres;
    private final RedisServer redis;

    private EmbeddedInfra(Infra infra, EmbeddedPostgres postgres, RedisServer redis) {
        this.infra = infra;
        this.postgres = postgres;
        this.redis = redis;
    }

    /** Starts what is not given. Flag values win over the environment. */
    public static EmbeddedInfra start(Optional<String> pgUrlFlag, Optional<String> redisUrlFlag, PrintStream log)
            throws IOException {
        return start(pgUrlFlag, redisUrlFlag, System.getenv(), log);
    }

    static EmbeddedInfra start(Optional<String> pgUrlFlag, Optional<String> redisUrlFlag, Map<String, String> env,
                               PrintStream log) throws IOException {
        Optional<String> pgUrl = pgUrlFlag.or(() -> nonBlank(env.get(PG_URL_ENV)));
        Optional<String> redisUrl = redisUrlFlag.or(() -> nonBlank(env.get(REDIS_URL_ENV)));
        EmbeddedPostgres postgres = null;
        RedisServer redis = null;
        try {
            String jdbcUrl;
            String user = env.getOrDefault("TOKENLEDGER_PG_USER", "postgres");
            String password = env.getOrDefault("TOKENLEDGER_PG_PASSWORD", "");
            if (pgUrl.isPresent()) {
                jdbcUrl = pgUrl.get();
                Reachability.require("PostgreSQL", jdbcUrl, 5432, "--pg-url / " + PG_URL_ENV);
                log.println("PostgreSQL: existing server " + jdbcUrl);
            } else {
                long t0 = System.nanoTime();
                postgres = EmbeddedPostgres.builder().start();
                jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
                user = "postgres";
                password = "";
                log.printf("PostgreSQL: embedded on port %d (%d ms)%n", postgres.getPort(), ms(t0));
            }
            String redisTarget;
            if (redisUrl.isPresent()) {
                redisTarget = redisUrl.get();
                Reachability.require("Redis", redisTarget, 6379, "--redis-url / " + REDIS_URL_ENV);
                log.println("Redis: existing server " + redisTarget);
            } else {
                long t0 = System.nanoTime();
                int port = FreePort.find();
                redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                redis.start();
                redisTarget = "redis://127.0.0.1:" + port;
                log.printf("Redis: embedded on port %d (%d ms)%n", port, ms(t0));
            }
            return new EmbeddedInfra(new Infra(jdbcUrl, user, password, redisTarget), postgres, redis);
        } catch (IOException | RuntimeException e) {
            stopQuietly(postgres, redis);
            throw e;
        }
    }

    public Infra infra() {
        return infra;
    }

    @Override
    public void close() {
        stopQuietly(postgres, redis);
    }

    private static void stopQuietly(EmbeddedPostgres postgres, RedisServer redis) {
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException | RuntimeException ignored) {
            // Best effort on shutdown: the process is going away anyway.
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // Same as above.
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}

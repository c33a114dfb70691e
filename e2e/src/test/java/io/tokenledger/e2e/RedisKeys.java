package io.tokenledger.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Deletes one tenant's keys (budget counters and charge dedup markers, {@code tl:{tenant}:*}) in one Redis db, through
 * redis-cli and a server-side script: never FLUSHDB/FLUSHALL, so nothing else on the machine is touched.
 */
final class RedisKeys {

    private static final String DELETE = "local keys = redis.call('KEYS', ARGV[1]) "
            + "for _, key in ipairs(keys) do redis.call('DEL', key) end return #keys";

    private RedisKeys() {
    }

    static long deleteTenantKeys(int db, String tenant) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "-n", String.valueOf(db),
                "EVAL", DELETE, "0", "tl:{" + tenant + "}:*").redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!cli.waitFor(10, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IOException("redis-cli failed: " + out);
        }
        return Long.parseLong(out.replace("(integer) ", ""));
    }
}

package io.tokenledger.budget.grpc;

import io.quarkus.redis.datasource.RedisDataSource;
import java.util.List;

/** Deletes the Redis keys of one test tenant (never FLUSHALL: other data may share the server). */
final class TestRedis {

    private TestRedis() {
    }

    static void deleteTenantKeys(RedisDataSource redis, String tenant) {
        List<String> keys = redis.key().keys("tl:{" + tenant + "}:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }
}

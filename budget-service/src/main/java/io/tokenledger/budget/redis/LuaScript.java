package io.tokenledger.budget.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** A Lua script from the classpath run by EVALSHA, loaded on first use and again when Redis lost it. */
final class LuaScript {

    private static final Logger LOG = Logger.getLogger(LuaScript.class);

    private final Redis redis;
    private final String name;
    private final String source;
    private volatile String sha;

    LuaScript(Redis redis, String resource) {
        this.redis = redis;
        this.name = resource;
        this.source = read(resource);
    }

    /** Sends the requests built for the current SHA as one pipelined batch; responses in order. */
    List<Response> batch(Function<String, List<Request>> requestsForSha) {
        try {
            return redis.batchAndAwait(requestsForSha.apply(sha()));
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            // Redis lost its script cache (restart, SCRIPT FLUSH): no command of the batch ran, so resend.
            LOG.infof("Redis lost the script %s; loading it again", name);
            sha = null;
            return redis.batchAndAwait(requestsForSha.apply(sha()));
        }
    }

    /** Runs one EVALSHA built for the current SHA. */
    Response run(Function<String, Request> requestForSha) {
        return batch(s -> List.of(requestForSha.apply(s))).get(0);
    }

    /**
     * Runs one EVALSHA without blocking the calling thread (CheckBudget runs on the event loop); loads the script
     * first when its SHA is not known yet, and again when Redis lost it.
     */
    Uni<Response> runAsync(Function<String, Request> requestForSha) {
        return shaAsync().chain(s -> redis.send(requestForSha.apply(s)))
                .onFailure(LuaScript::isNoScript).recoverWithUni(e -> {
                    LOG.infof("Redis lost the script %s; loading it again", name);
                    sha = null;
                    return shaAsync().chain(s -> redis.send(requestForSha.apply(s)));
                });
    }

    private static boolean isNoScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("NOSCRIPT");
    }

    private Uni<String> shaAsync() {
        String current = sha;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).map(loaded -> {
            sha = loaded.toString();
            return sha;
        });
    }

    private String sha() {
        String current = sha;
        if (current == null) {
            current = redis.sendAndAwait(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).toString();
            sha = current;
        }
        return current;
    }

    private static String read(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

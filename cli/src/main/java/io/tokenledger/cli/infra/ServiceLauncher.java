package io.tokenledger.cli.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the four packaged services as separate JVMs on free ports, wired to each other and to the given
 * PostgreSQL and Redis, and waits until each is ready. Used by {@code tokenledger demo/bench} and the e2e tests.
 */
public final class ServiceLauncher {

    /** The services, in start order (the later ones call the earlier ones). */
    public enum Svc {
        PRICING, ATTRIBUTION, BUDGET, INGEST;

        public String module() {
            return name().toLowerCase() + "-service";
        }
    }

    /** 180 s (a busy 2-core machine has taken 66 s to start one service), or TOKENLEDGER_READY_TIMEOUT_SECONDS. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(readyTimeoutSeconds());
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private ServiceLauncher() {
    }

    public static RunningServices start(Path repoRoot, Infra infra, Path logDir) throws IOException {
        return start(repoRoot, infra, logDir, System.err);
    }

    /** Starts all four, in parallel (gRPC clients connect lazily), then waits for every readiness check. */
    public static RunningServices start(Path repoRoot, Infra infra, Path logDir, PrintStream log) throws IOException {
        return start(repoRoot, infra, logDir, log, Map.of());
    }

    /**
     * As {@link #start(Path, Infra, Path, PrintStream)}, with extra environment variables per service (e.g. shorter
     * ingest leases and backoffs in the fault test).
     */
    public static RunningServices start(Path repoRoot, Infra infra, Path logDir, PrintStream log,
            Map<Svc, Map<String, String>> extraEnv) throws IOException {
        Files.createDirectories(logDir);
        Map<Svc, Integer> ports = new EnumMap<>(Svc.class);
        for (Svc svc : Svc.values()) {
            ports.put(svc, FreePort.find());
        }
        RunningServices running = new RunningServices(ports);
        try {
            for (Svc svc : Svc.values()) {
                Path jar = jar(repoRoot, svc);
                if (!Files.isRegularFile(jar)) {
                    throw new IOException(jar + " is missing: build with ./mvnw -DskipTests package");
                }
                Map<String, String> env = env(svc, ports, infra);
                env.putAll(extraEnv.getOrDefault(svc, Map.of()));
                Path logFile = logDir.resolve(svc.module() + ".log");
                running.add(svc, launch(svc, jar, env, logFile, false), logFile, env);
            }
            long t0 = System.nanoTime();
            for (Svc svc : Svc.values()) {
                awaitReady(running, svc);
            }
            log.printf("Services ready in %.1f s: pricing :%d, attribution :%d, budget :%d, ingest :%d (logs in %s)%n",
                    (System.nanoTime() - t0) / 1e9, ports.get(Svc.PRICING), ports.get(Svc.ATTRIBUTION),
                    ports.get(Svc.BUDGET), ports.get(Svc.INGEST), logDir);
            return running;
        } catch (IOException | RuntimeException e) {
            running.close();
            throw e;
        }
    }

    private static long readyTimeoutSeconds() {
        try {
            return Long.parseLong(System.getenv().getOrDefault("TOKENLEDGER_READY_TIMEOUT_SECONDS", "180").trim());
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    public static Path jar(Path repoRoot, Svc svc) {
        return repoRoot.resolve(svc.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static Map<String, String> env(Svc svc, Map<Svc, Integer> ports, Infra infra) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(ports.get(svc)));
        env.put("HOST", "127.0.0.1");
        env.put("TOKENLEDGER_DB_URL", infra.jdbcUrl());
        env.put("TOKENLEDGER_DB_USER", infra.dbUser());
        env.put("TOKENLEDGER_DB_PASSWORD", infra.dbPassword());
        env.put("TOKENLEDGER_REDIS_URL", infra.redisUrl());
        env.put("PRICING_HOST", "127.0.0.1");
        env.put("PRICING_PORT", String.valueOf(ports.get(Svc.PRICING)));
        env.put("ATTRIBUTION_HOST", "127.0.0.1");
        env.put("ATTRIBUTION_PORT", String.valueOf(ports.get(Svc.ATTRIBUTION)));
        env.put("BUDGET_HOST", "127.0.0.1");
        env.put("BUDGET_PORT", String.valueOf(ports.get(Svc.BUDGET)));
        return env;
    }

    /**
     * Each service's resident memory from /proc/PID/status: current VmRSS and peak VmHWM, in MiB, e.g.
     * "pricing 141/152 MiB" (empty where /proc is not available).
     */
    public static String memory(RunningServices running) {
        StringBuilder out = new StringBuilder();
        for (Svc svc : Svc.values()) {
            Process process = running.process(svc);
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            long rss = -1;
            long peak = -1;
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kib(line);
                    } else if (line.startsWith("VmHWM:")) {
                        peak = kib(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                continue;
            }
            out.append(out.length() == 0 ? "" : ", ").append(svc.name().toLowerCase()).append(' ')
                    .append(rss / 1024).append('/').append(peak / 1024).append(" MiB");
        }
        return out.toString();
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** SIGKILLs one service (no shutdown hooks run: the crash the fault test wants) and waits until it is gone. */
    public static void kill(RunningServices running, Svc svc) throws InterruptedException {
        Process process = running.process(svc);
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts a killed service again on the same port with the same environment and waits until it is ready. */
    public static void restart(RunningServices running, Path repoRoot, Svc svc) throws IOException {
        if (running.process(svc).isAlive()) {
            throw new IllegalStateException(svc.module() + " is still running");
        }
        running.replace(svc, launch(svc, jar(repoRoot, svc), running.env(svc), running.logFile(svc), true));
        awaitReady(running, svc);
    }

    private static Process launch(Svc svc, Path jar, Map<String, String> env, Path logFile, boolean append)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions());
        command.addAll(extraJvmOptions(svc));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        // glibc keeps up to 8 malloc arenas per core; two are plenty for these services and save resident memory.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * The services' JVM options: TOKENLEDGER_SERVICE_JVM_OPTS (space-separated) or the default, chosen by
     * measurement for four service JVMs, PostgreSQL and Redis sharing 2 cores, each under 256 MiB resident
     * (README, Benchmarks):
     * <ul>
     *   <li>C1 only ({@code TieredStopAtLevel=1}): perf showed C2 compiler threads taking 20-35 % of all CPU during
     *   the ingest benchmark; C1-only code was faster end to end there and needs ~30 MiB less memory;</li>
     *   <li>a 144 MiB serial-collector heap with a 96 MiB young generation and large survivors: ingest holds
     *   thousands of in-flight events per batch, which a 32 MiB young generation promoted, so that a 96 MiB heap ran a
     *   full collection every ~0.3 s (8.2 s of pauses in one run);</li>
     *   <li>one Netty arena each, capped code cache, metaspace and thread stacks.</li>
     * </ul>
     */
    static List<String> jvmOptions() {
        String configured = System.getenv("TOKENLEDGER_SERVICE_JVM_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        return List.of("-Xmx144m", "-Xmn96m", "-XX:SurvivorRatio=2", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=128m",
                "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1",
                "-XX:+ExitOnOutOfMemoryError");
    }

    /** TOKENLEDGER_<SERVICE>_JVM_OPTS (e.g. TOKENLEDGER_INGEST_JVM_OPTS), added after the shared options. */
    static List<String> extraJvmOptions(Svc svc) {
        String configured = System.getenv("TOKENLEDGER_" + svc.name() + "_JVM_OPTS");
        return configured == null || configured.isBlank() ? List.of() : List.of(configured.trim().split("\\s+"));
    }

    private static void awaitReady(RunningServices running, Svc svc) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://127.0.0.1:" + running.port(svc) + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Process process = running.process(svc);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(running, svc, "exited with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + svc.module(), e);
            }
            sleep(200);
        }
        throw failure(running, svc, "not ready after " + READY_TIMEOUT.toSeconds() + " s");
    }

    private static IOException failure(RunningServices running, Svc svc, String what) {
        Path logFile = running.logFile(svc);
        return new IOException(svc.module() + " " + what + ". Last lines of " + logFile + ":\n"
                + tail(logFile, 30)
                + "\nHint: on a slow or busy machine raise TOKENLEDGER_READY_TIMEOUT_SECONDS. Is PostgreSQL reachable (TOKENLEDGER_PG_URL / --pg-url) and Redis (TOKENLEDGER_REDIS_URL /"
                + " --redis-url)? Is the jar up to date (./mvnw -DskipTests package)?");
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

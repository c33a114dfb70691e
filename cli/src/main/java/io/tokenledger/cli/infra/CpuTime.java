package io.tokenledger.cli.infra;

import io.tokenledger.cli.infra.ServiceLauncher.Svc;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far (user + system, from /proc on Linux) by each service, by PostgreSQL and Redis (every process
 * of that name on the host) and by this client: the difference of two snapshots says where a run's CPU went.
 * Empty where /proc is not there.
 */
public final class CpuTime {

    /** Clock ticks per second of /proc/[pid]/stat: 100 on Linux (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    /** Seconds of CPU per part: the four services, "postgresql", "redis", "client"; insertion ordered. */
    public static Map<String, Double> snapshot(RunningServices services) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Svc svc : Svc.values()) {
            seconds.put(svc.name().toLowerCase(), ticks(services.process(svc).pid()) / TICKS_PER_SECOND);
        }
        seconds.put("postgresql", 0.0);
        seconds.put("redis", 0.0);
        seconds.put("client", ticks(ProcessHandle.current().pid()) / TICKS_PER_SECOND);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String name = command(process);
                String part = name.equals("postgres") ? "postgresql" : name.startsWith("redis-server") ? "redis" : null;
                if (part != null) {
                    seconds.merge(part, ticks(Long.parseLong(process.getFileName().toString())) / TICKS_PER_SECOND,
                            Double::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return seconds;
    }

    /** after - before, part by part. */
    public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((part, seconds) -> used.put(part, seconds - before.getOrDefault(part, 0.0)));
        return used;
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** utime + stime of one process (fields 14 and 15 of /proc/[pid]/stat, after the parenthesised name). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

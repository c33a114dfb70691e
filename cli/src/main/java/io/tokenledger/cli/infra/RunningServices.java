package io.tokenledger.cli.infra;

import io.tokenledger.cli.infra.ServiceLauncher.Svc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The four running service processes and their ports. {@link #close()} stops them (ingest first). */
public final class RunningServices implements AutoCloseable {

    private final Map<Svc, Integer> ports;
    private final Map<Svc, Process> processes = new EnumMap<>(Svc.class);
    private final Map<Svc, Path> logs = new EnumMap<>(Svc.class);
    private final Map<Svc, Map<String, String>> envs = new EnumMap<>(Svc.class);

    RunningServices(Map<Svc, Integer> ports) {
        this.ports = Map.copyOf(ports);
    }

    synchronized void add(Svc svc, Process process, Path log, Map<String, String> env) {
        processes.put(svc, process);
        logs.put(svc, log);
        envs.put(svc, Map.copyOf(env));
    }

    synchronized void replace(Svc svc, Process process) {
        processes.put(svc, process);
    }

    synchronized Map<String, String> env(Svc svc) {
        return envs.get(svc);
    }

    public int port(Svc svc) {
        return ports.get(svc);
    }

    public int pricingPort() {
        return port(Svc.PRICING);
    }

    public int attributionPort() {
        return port(Svc.ATTRIBUTION);
    }

    public int budgetPort() {
        return port(Svc.BUDGET);
    }

    public int ingestPort() {
        return port(Svc.INGEST);
    }

    public synchronized Process process(Svc svc) {
        return processes.get(svc);
    }

    public synchronized Path logFile(Svc svc) {
        return logs.get(svc);
    }

    /** Stops every process: ingest first so it does not see its downstreams vanish mid-batch. */
    @Override
    public synchronized void close() {
        List<Svc> order = new ArrayList<>(processes.keySet());
        Collections.reverse(order);
        for (Svc svc : order) {
            processes.get(svc).destroy();
        }
        for (Svc svc : order) {
            ServiceLauncher.stop(processes.get(svc));
        }
        processes.clear();
    }
}

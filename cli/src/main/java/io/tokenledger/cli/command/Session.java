package io.tokenledger.cli.command;

import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.infra.EmbeddedInfra;
import io.tokenledger.cli.infra.RunningServices;
import io.tokenledger.cli.infra.ServiceLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * PostgreSQL, Redis, the four services and the clients of one command run. Closed exactly once: at the end of
 * the run, or by the shutdown hook on Ctrl-C.
 */
final class Session implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Thread hook = new Thread(this::interrupted, "tokenledger-shutdown");
    private EmbeddedInfra infra;
    private Clients clients;
    private RunningServices services;
    private boolean closed;

    private Session() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Session start(Args args, Path root, Path logDir, PrintStream log) throws IOException {
        Session session = new Session();
        try {
            session.infra = session.register(EmbeddedInfra.start(args.option("pg-url"), args.option("redis-url"), log));
            RunningServices services = session.register(
                    ServiceLauncher.start(root, session.infra.infra(), logDir, log));
            session.services = services;
            session.clients = session.register(new Clients(services));
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    EmbeddedInfra infra() {
        return infra;
    }

    Clients clients() {
        return clients;
    }

    RunningServices services() {
        return services;
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running this.
        }
    }

    private void interrupted() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        System.err.println();
        System.err.println("Interrupted: stopping the services, PostgreSQL and Redis...");
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e.getMessage());
            }
        }
    }
}

package io.tokenledger.e2e;

import io.grpc.StatusRuntimeException;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.infra.Resend;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A client that keeps going through crashes: sends batches in order, paced, and resends a batch with the same event
 * ids when {@link Resend} says the call may not have arrived (ingest deduplicates) until it gets an answer, for up
 * to two minutes.
 */
final class FaultSender {

    private static final long GIVE_UP_NANOS = 120_000_000_000L;

    private final Clients clients;
    private final int batchSize;
    private final Map<EventStatus, Long> counts = new EnumMap<>(EventStatus.class);
    private volatile Throwable failure;
    private long retries;

    FaultSender(Clients clients, int batchSize) {
        this.clients = clients;
        this.batchSize = batchSize;
    }

    Thread sendInBackground(List<UsageEvent> events, long pauseMillis) {
        Thread thread = new Thread(() -> {
            try {
                for (int i = 0; i < events.size(); i += batchSize) {
                    send(events.subList(i, Math.min(events.size(), i + batchSize)));
                    Thread.sleep(pauseMillis);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }, "fault-sender");
        thread.start();
        return thread;
    }

    private void send(List<UsageEvent> batch) throws InterruptedException {
        RecordUsageRequest request = RecordUsageRequest.newBuilder().addAllEvents(batch).build();
        long giveUp = System.nanoTime() + GIVE_UP_NANOS;
        while (true) {
            try {
                List<EventResult> results = clients.ingest(10).recordUsage(request).getResultsList();
                synchronized (counts) {
                    results.forEach(r -> counts.merge(r.getStatus(), 1L, Long::sum));
                }
                return;
            } catch (StatusRuntimeException e) {
                if (!Resend.worthIt(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                synchronized (counts) {
                    retries++;
                }
                Thread.sleep(250);
            }
        }
    }

    void rethrow() {
        if (failure != null) {
            throw new AssertionError("the sender failed", failure);
        }
    }

    Map<EventStatus, Long> counts() {
        synchronized (counts) {
            Map<EventStatus, Long> copy = new EnumMap<>(counts);
            return copy;
        }
    }

    long retries() {
        synchronized (counts) {
            return retries;
        }
    }
}

package io.tokenledger.cli.command;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.ingest.v1.EventResult;
import io.grpc.stub.ClientCalls;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.infra.Resend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.tokenledger.api.ingest.v1.EventStatus;

/**
 * Sends events through IngestService.RecordUsage in batches, from one or more client threads. A batch that meets
 * UNAVAILABLE or DEADLINE_EXCEEDED is retried with backoff (safe: ingest deduplicates by event id). Requests are
 * encoded before the clock starts: a client's encoding runs on its own machine, not on TokenLedger's.
 */
public final class Replayer {

    private static final int MAX_ATTEMPTS = 5;
    /** RecordUsage taking its request as encoded bytes. */
    private static final MethodDescriptor<byte[], RecordUsageResponse> RECORD_ENCODED = IngestServiceGrpc
            .getRecordUsageMethod().toBuilder(new EncodedRequest(), IngestServiceGrpc.getRecordUsageMethod()
                    .getResponseMarshaller()).build();

    /** What the replay did: per-status counts, unpriced events, per-batch latencies (ns) and wall time (ns). */
    public record Result(Map<EventStatus, Long> statusCounts, long unpriced, List<String> unpricedReasons,
                         long[] batchLatencyNanos, long wallNanos, long events) {

        public long count(EventStatus status) {
            return statusCounts.getOrDefault(status, 0L);
        }

        public double eventsPerSecond() {
            return events / (wallNanos / 1e9);
        }

        /** The latency at quantile q (0..1) of the batches, in ms. */
        public double latencyMillis(double q) {
            long[] sorted = batchLatencyNanos.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private Replayer() {
    }

    public static Result replay(List<UsageEvent> events, int batchSize, int threads, Clients clients,
                                ProgressBar progress) throws InterruptedException {
        List<List<UsageEvent>> batches = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < events.size(); i += batchSize) {
            batches.add(events.subList(i, Math.min(events.size(), i + batchSize)));
            requests.add(RecordUsageRequest.newBuilder().addAllEvents(batches.get(batches.size() - 1)).build()
                    .toByteArray());
        }
        long[] latencies = new long[batches.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        Map<EventStatus, Long> counts = new EnumMap<>(EventStatus.class);
        List<String> unpricedReasons = new ArrayList<>();
        long[] unpriced = {0};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches.size()) {
                        long start = System.nanoTime();
                        RecordUsageResponse response = send(requests.get(b), clients);
                        latencies[b] = System.nanoTime() - start;
                        synchronized (counts) {
                            for (EventResult r : response.getResultsList()) {
                                counts.merge(r.getStatus(), 1L, Long::sum);
                                if (r.getPricingStatus() == PricingStatus.PRICING_STATUS_UNPRICED) {
                                    unpriced[0]++;
                                    if (unpricedReasons.size() < 5 && !unpricedReasons.contains(r.getUnpricedReason())) {
                                        unpricedReasons.add(r.getUnpricedReason());
                                    }
                                }
                            }
                        }
                        progress.update(done.addAndGet(batches.get(b).size()));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - t0;
        synchronized (counts) {
            return new Result(Map.copyOf(counts), unpriced[0], List.copyOf(unpricedReasons), latencies, wall,
                    events.size());
        }
    }

    private static RecordUsageResponse send(byte[] request, Clients clients) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return ClientCalls.blockingUnaryCall(clients.ingestChannel(), RECORD_ENCODED,
                        CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request);
            } catch (StatusRuntimeException e) {
                if (!Resend.worthIt(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(200L << attempt);
            }
        }
    }

    /** Sends bytes as they are. */
    private static final class EncodedRequest implements MethodDescriptor.Marshaller<byte[]> {

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

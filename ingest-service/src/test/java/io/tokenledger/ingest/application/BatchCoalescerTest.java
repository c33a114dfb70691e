package io.tokenledger.ingest.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchCoalescerTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** The items of every run, in the order the runs started. */
    private final List<List<Integer>> runs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    /** Runs wait here until released (each run counts down {@link #started} first). */
    private final CountDownLatch release = new CountDownLatch(1);
    private CountDownLatch started = new CountDownLatch(1);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aRequestAloneRunsAtOnceAndGetsItsOwnResults() {
        BatchCoalescer<Integer, String> coalescer = new BatchCoalescer<>(1_000, 2, this::tenfold);
        assertThat(coalescer.submit(List.of(1, 2, 3))).containsExactly("10", "20", "30");
        assertThat(runs).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void requestsQueuedBehindABusySlotRunTogetherAndEachGetsItsPart() throws Exception {
        BatchCoalescer<Integer, String> coalescer = new BatchCoalescer<>(1_000, 1, held(this::tenfold));
        CompletableFuture<List<String>> first = submit(coalescer, range(0, 100));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        // Five requests of 100 arrive while the only slot is busy.
        List<CompletableFuture<List<String>>> queued = new ArrayList<>();
        for (int r = 1; r <= 5; r++) {
            queued.add(submit(coalescer, range(r * 100, r * 100 + 100)));
        }
        waitUntilQueued(queued);

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(100).startsWith("0", "10");
        for (int r = 1; r <= 5; r++) {
            assertThat(queued.get(r - 1).get(5, TimeUnit.SECONDS)).hasSize(100)
                    .startsWith(String.valueOf(r * 1_000)).endsWith(String.valueOf((r * 100 + 99) * 10));
        }
        // Two runs in all: the first request, then the five together (500 items, one call downstream).
        assertThat(runs).extracting(List::size).containsExactly(100, 500);
    }

    @Test
    void aRunTakesWholeRequestsUpToItsSizeFirstComeFirstServed() throws Exception {
        BatchCoalescer<Integer, String> coalescer = new BatchCoalescer<>(1_000, 1, held(this::tenfold));
        CompletableFuture<List<String>> first = submit(coalescer, range(0, 10));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<List<String>>> queued = new ArrayList<>();
        for (int size : List.of(600, 300, 600, 2_000)) {
            queued.add(submit(coalescer, range(0, size)));
            waitUntilQueued(queued);
        }

        release.countDown();

        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(first.get()).hasSize(10);
        // 600 + 300 fit; the next 600 would not, so it starts the next run; 2,000 is over the size and runs alone.
        assertThat(runs).extracting(List::size).containsExactly(10, 900, 600, 2_000);
    }

    @Test
    void atMostMaxRunsGoAtOnce() throws Exception {
        started = new CountDownLatch(2);
        BatchCoalescer<Integer, String> coalescer = new BatchCoalescer<>(1_000, 2, held(this::tenfold));
        List<CompletableFuture<List<String>>> requests = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            requests.add(submit(coalescer, range(0, 1_000)));
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(inside.get()).as("runs inside while the third request waits").isEqualTo(2);

        release.countDown();

        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(runs).hasSize(3);
        assertThat(mostInside.get()).isEqualTo(2);
    }

    @Test
    void aFailedRunFailsEveryRequestInItAndGivesItsSlotBack() throws Exception {
        BatchCoalescer<Integer, String> coalescer = new BatchCoalescer<>(1_000, 1, held(items -> {
            if (items.contains(-1)) {
                throw new IllegalStateException("inbox: connection refused");
            }
            return tenfold(items);
        }));
        CompletableFuture<List<String>> first = submit(coalescer, List.of(1));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<String>> poisoned = submit(coalescer, List.of(-1));
        CompletableFuture<List<String>> sameRun = submit(coalescer, List.of(2));
        waitUntilQueued(List.of(poisoned, sameRun));

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly("10");
        for (CompletableFuture<List<String>> failed : List.of(poisoned, sameRun)) {
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("inbox: connection refused");
        }
        assertThat(coalescer.submit(List.of(3))).containsExactly("30");
    }

    @Test
    void aRunAnsweringTheWrongNumberOfResultsFailsItsRequests() {
        BatchCoalescer<Integer, String> coalescer = new BatchCoalescer<>(1_000, 1, items -> List.of());
        assertThatThrownBy(() -> coalescer.submit(List.of(1, 2))).hasMessage("0 results for 2 items");
    }

    @Test
    void sizesBelowOneAreRefused() {
        assertThatThrownBy(() -> new BatchCoalescer<Integer, String>(0, 1, this::tenfold))
                .hasMessageContaining("must be >= 1");
        assertThatThrownBy(() -> new BatchCoalescer<Integer, String>(1, 0, this::tenfold))
                .hasMessageContaining("must be >= 1");
    }

    private List<String> tenfold(List<Integer> items) {
        runs.add(List.copyOf(items));
        return items.stream().map(i -> String.valueOf(i * 10)).toList();
    }

    /** The run, made to wait for {@link #release} and to count how many runs are inside at once. */
    private Function<List<Integer>, List<String>> held(Function<List<Integer>, List<String>> run) {
        return items -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
                return run.apply(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        };
    }

    private CompletableFuture<List<String>> submit(BatchCoalescer<Integer, String> coalescer, List<Integer> items) {
        return CompletableFuture.supplyAsync(() -> coalescer.submit(items), threads);
    }

    /** Gives the submitting threads time to reach the queue (they cannot be observed there from outside). */
    private static void waitUntilQueued(List<? extends CompletableFuture<?>> requests) throws InterruptedException {
        Thread.sleep(100);
        assertThat(requests).noneMatch(CompletableFuture::isDone);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}

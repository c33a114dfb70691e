package io.tokenledger.ingest.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void twoBatchesOfAThousandRunTogetherAndAThirdWaitsUntilOneLeaves() throws Exception {
        InFlightLimit limit = new InFlightLimit(2_000);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstTwoInside = new CountDownLatch(2);
        CompletableFuture<Integer> first = hold(limit, 1_000, firstTwoInside, release);
        CompletableFuture<Integer> second = hold(limit, 1_000, firstTwoInside, release);
        assertThat(firstTwoInside.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> limit.run(1_000, inside::get), threads);
        Thread.sleep(200);
        assertThat(third).isNotDone();

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1_000);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(1_000);
        // The third ran once one of them had left: the other may still be finishing, never both.
        assertThat(third.get(5, TimeUnit.SECONDS)).isLessThanOrEqualTo(1);
        assertThat(mostInside.get()).isEqualTo(2);
    }

    @Test
    void smallBatchesShareTheLimitByEventsNotByCalls() throws Exception {
        InFlightLimit limit = new InFlightLimit(2_000);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twentyInside = new CountDownLatch(20);
        CompletableFuture<?>[] batches = new CompletableFuture<?>[20];
        for (int i = 0; i < 20; i++) {
            batches[i] = hold(limit, 100, twentyInside, release);
        }
        // 20 x 100 events = the limit: all twenty are inside at once.
        assertThat(twentyInside.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(mostInside.get()).isEqualTo(20);
        release.countDown();
        CompletableFuture.allOf(batches).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBatchLargerThanTheLimitRunsAloneInsteadOfNever() throws Exception {
        InFlightLimit limit = new InFlightLimit(2_000);
        assertThat(CompletableFuture.supplyAsync(() -> limit.run(5_000, () -> "ran"), threads).get(5, TimeUnit.SECONDS))
                .isEqualTo("ran");
        // Its permits came back: two batches of a thousand fit again.
        assertThat(limit.run(1_000, () -> limit.run(1_000, () -> "both"))).isEqualTo("both");
    }

    @Test
    void aFailingBatchGivesItsTurnBack() {
        InFlightLimit limit = new InFlightLimit(1_000);
        assertThatThrownBy(() -> limit.run(1_000, () -> {
            throw new IllegalStateException("downstream broke");
        })).hasMessage("downstream broke");
        assertThat(limit.run(1_000, () -> "next")).isEqualTo("next");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new InFlightLimit(0)).hasMessageContaining("must be >= 1");
    }

    private CompletableFuture<Integer> hold(InFlightLimit limit, int events, CountDownLatch entered,
            CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> limit.run(events, () -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            return events;
        }), threads);
    }
}

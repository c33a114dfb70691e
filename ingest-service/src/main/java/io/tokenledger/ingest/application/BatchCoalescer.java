package io.tokenledger.ingest.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs concurrent requests together and bounds the work in flight. Requests queue first come first served; at most
 * {@code maxRuns} runs go at once, each taking as many whole queued requests as fit in {@code maxItemsPerRun} (at
 * least one) and handing them to {@code run} as one list. So under load small requests share one inbox transaction
 * and one call to each downstream service instead of paying them each, and alone a request runs at once.
 *
 * <p>No thread of its own: a caller whose request is queued runs the next run itself when a slot is free, and returns
 * as soon as its own request is answered (another waiting caller then takes over).
 *
 * @param <I> an item of a request (an event)
 * @param <R> the result of one item
 */
public final class BatchCoalescer<I, R> {

    private final int maxItemsPerRun;
    private final int maxRuns;
    private final Function<List<I>, List<R>> run;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Request<I, R>> queue = new ArrayDeque<>();
    private int running;

    /** One queued request and, once its run ended, its results or the run's failure. */
    private static final class Request<I, R> {
        final List<I> items;
        List<R> results;
        RuntimeException failure;

        Request(List<I> items) {
            this.items = items;
        }

        boolean answered() {
            return results != null || failure != null;
        }
    }

    /**
     * @param run records a list of items and returns one result per item, in order; a failure fails every request of
     *            the run
     */
    public BatchCoalescer(int maxItemsPerRun, int maxRuns, Function<List<I>, List<R>> run) {
        if (maxItemsPerRun < 1 || maxRuns < 1) {
            throw new IllegalArgumentException("items per run and runs must be >= 1, were " + maxItemsPerRun + " and "
                    + maxRuns);
        }
        this.maxItemsPerRun = maxItemsPerRun;
        this.maxRuns = maxRuns;
        this.run = run;
    }

    /** Records the items with whatever else is queued; returns their results in order once their run ended. */
    public List<R> submit(List<I> items) {
        Request<I, R> mine = new Request<>(items);
        lock.lock();
        try {
            queue.addLast(mine);
            while (!mine.answered()) {
                if (running < maxRuns && !queue.isEmpty()) {
                    runNext();
                } else {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.results;
    }

    /** Takes the next run off the queue and runs it outside the lock; called and returns with the lock held. */
    private void runNext() {
        List<Request<I, R>> taken = new ArrayList<>();
        List<I> items = new ArrayList<>();
        while (!queue.isEmpty() && (taken.isEmpty() || items.size() + queue.peekFirst().items.size() <= maxItemsPerRun)) {
            Request<I, R> next = queue.pollFirst();
            taken.add(next);
            items.addAll(next.items);
        }
        running++;
        lock.unlock();
        List<R> results = null;
        RuntimeException failure = null;
        try {
            results = run.apply(items);
            if (results.size() != items.size()) {
                failure = new IllegalStateException(results.size() + " results for " + items.size() + " items");
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            // Its callers must still be answered and its slot given back, or they would wait for ever.
            failure = new IllegalStateException(e);
        } finally {
            lock.lock();
        }
        int from = 0;
        for (Request<I, R> request : taken) {
            if (failure == null) {
                request.results = List.copyOf(results.subList(from, from + request.items.size()));
            } else {
                request.failure = failure;
            }
            from += request.items.size();
        }
        running--;
        changed.signalAll();
    }
}

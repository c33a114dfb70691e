package io.tokenledger.ingest.application;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets at most {@code max} events be worked on at once, over all callers, first come first served. A batch larger
 * than the limit counts as the limit: it runs alone instead of never.
 */
public final class InFlightLimit {

    private final Semaphore permits;
    private final int max;

    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max events in flight must be >= 1, was " + max);
        }
        this.max = max;
        this.permits = new Semaphore(max, true);
    }

    /** Runs {@code work} for {@code events} events once they fit under the limit. */
    public <T> T run(int events, Supplier<T> work) {
        int taken = Math.min(events, max);
        permits.acquireUninterruptibly(taken);
        try {
            return work.get();
        } finally {
            permits.release(taken);
        }
    }
}

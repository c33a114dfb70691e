package io.tokenledger.ingest.application;

/** A pricing, attribution or budget call failed; the events stay PENDING and are retried later. */
public class DownstreamFailure extends RuntimeException {

    private final boolean transientFailure;
    private final boolean outage;

    private DownstreamFailure(String message, boolean transientFailure, boolean outage, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.outage = outage;
    }

    /** The service could not be reached, or not in time: every event would fail alike until it is back. */
    public static DownstreamFailure outage(String message, Throwable cause) {
        return new DownstreamFailure(message, true, true, cause);
    }

    /**
     * The service answered an error, which some of the events may have caused.
     *
     * @param transientFailure whether the error is expected to heal by itself (ABORTED, INTERNAL, ...)
     */
    public static DownstreamFailure answered(String message, boolean transientFailure, Throwable cause) {
        return new DownstreamFailure(message, transientFailure, false, cause);
    }

    /** True for failures that are expected to heal by themselves (UNAVAILABLE, DEADLINE_EXCEEDED, ...). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** True when the service was unreachable or too slow, rather than refusing these events. */
    public boolean isOutage() {
        return outage;
    }

    /**
     * Whether a failure of a call may come from some of its events (the service answered, or a bug of ours), so that
     * retrying them in smaller parts can isolate the cause; false for an outage, where every part fails alike.
     */
    static boolean mayBeTheEvents(RuntimeException failure) {
        return !(failure instanceof DownstreamFailure downstream && downstream.isOutage());
    }
}

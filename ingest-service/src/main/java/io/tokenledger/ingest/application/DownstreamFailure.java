package io.tokenledger.ingest.application;

/** A pricing, attribution or budget call failed; the events stay PENDING and are retried later. */
public class DownstreamFailure extends RuntimeException {

    private final boolean transientFailure;

    public DownstreamFailure(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True for failures that are expected to heal by themselves (UNAVAILABLE, DEADLINE_EXCEEDED, ...). */
    public boolean isTransient() {
        return transientFailure;
    }
}

package io.tokenledger.ingest.application;

/**
 * How many more times one attempt at a batch may retry a refused call in halves. Isolating many refused events
 * costs many calls (105 events of which 35 refused took a drainer 58 s while other tenants' batches waited), so an
 * attempt stops splitting after {@link #PER_ATTEMPT} and leaves the rest PENDING: what it completed is stored, and the
 * next attempt goes on from there.
 */
final class SplitBudget {

    static final int PER_ATTEMPT = 32;

    private int left = PER_ATTEMPT;

    /** True, and one split fewer left, when another split is allowed. */
    boolean take() {
        if (left == 0) {
            return false;
        }
        left--;
        return true;
    }
}

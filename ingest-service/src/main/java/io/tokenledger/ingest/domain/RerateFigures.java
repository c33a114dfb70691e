package io.tokenledger.ingest.domain;

/**
 * What a re-rating run found (all money in nano-USD): entries examined and changed, the sum of their costs before and
 * under the current book, and UNPRICED entries before and after.
 */
public record RerateFigures(long examined, long changed, long oldTotalNanos, long newTotalNanos, long unpricedBefore,
        long unpricedAfter) {

    public static final RerateFigures NONE = new RerateFigures(0, 0, 0, 0, 0, 0);

    /** These figures plus one examined entry and its price now. */
    public RerateFigures plus(LedgerEntry entry, PricedEvent now) {
        return new RerateFigures(examined + 1, changed + (Rerating.changed(entry, now) ? 1 : 0),
                Math.addExact(oldTotalNanos, entry.costNanos()), Math.addExact(newTotalNanos, now.costNanos()),
                unpricedBefore + (entry.status() == PricingStatus.UNPRICED ? 1 : 0),
                unpricedAfter + (now.status() == PricingStatus.UNPRICED ? 1 : 0));
    }
}

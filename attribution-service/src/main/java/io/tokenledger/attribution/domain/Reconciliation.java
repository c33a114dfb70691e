package io.tokenledger.attribution.domain;

/**
 * The cost providers or gateways reported against TokenLedger's own cost of the same events, for one provider and
 * model (empty names in a total). Only events with a reported cost are compared; {@code eventCount} counts them all.
 *
 * @param reportedCostNanos the sum of the reported costs
 * @param costNanos         TokenLedger's cost in force of those same events (after any correction; UNPRICED = 0)
 * @param unpricedCount     events with a reported cost that TokenLedger could not price
 */
public record Reconciliation(String provider, String model, long eventCount, long reportedEventCount,
                             long reportedCostNanos, long costNanos, long unpricedCount) {

    /** Positive when the provider billed more than TokenLedger priced. */
    public long differenceNanos() {
        return Math.subtractExact(reportedCostNanos, costNanos);
    }

    /** The sum of rows, as a total without provider and model. */
    public static Reconciliation total(Iterable<Reconciliation> rows) {
        long events = 0;
        long reportedEvents = 0;
        long reported = 0;
        long cost = 0;
        long unpriced = 0;
        for (Reconciliation row : rows) {
            events += row.eventCount;
            reportedEvents += row.reportedEventCount;
            reported = Math.addExact(reported, row.reportedCostNanos);
            cost = Math.addExact(cost, row.costNanos);
            unpriced += row.unpricedCount;
        }
        return new Reconciliation("", "", events, reportedEvents, reported, cost, unpriced);
    }
}

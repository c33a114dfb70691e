package io.tokenledger.attribution.domain;

/**
 * Sums what a group of calls cost and what the same calls cost under an alternative (another model, the batch
 * tier, a cached prefix...). A call the alternative could not price is counted apart and left out of both sums,
 * so the two sums always cover the same calls.
 */
public final class SavingTally {

    private long events;
    private long currentNanos;
    private long alternativeNanos;
    private long unpriced;
    private String firstUnpricedReason = "";

    /** A call whose current cost is known (the ledger's) and its alternative's price. */
    public void add(long current, PriceAnswer alternative) {
        if (!alternative.priced()) {
            countUnpriced(alternative.unpricedReason());
            return;
        }
        events++;
        currentNanos = Math.addExact(currentNanos, current);
        alternativeNanos = Math.addExact(alternativeNanos, alternative.costNanos());
    }

    /** A call re-priced as it happened and as the alternative, both by pricing (the same tenant, time and tier). */
    public void add(PriceAnswer current, PriceAnswer alternative) {
        if (!current.priced()) {
            countUnpriced(current.unpricedReason());
            return;
        }
        add(current.costNanos(), alternative);
    }

    private void countUnpriced(String reason) {
        unpriced++;
        if (firstUnpricedReason.isEmpty()) {
            firstUnpricedReason = reason;
        }
    }

    public long events() {
        return events;
    }

    public long currentNanos() {
        return currentNanos;
    }

    public long alternativeNanos() {
        return alternativeNanos;
    }

    /** current - alternative; negative when the alternative costs more. */
    public long savingNanos() {
        return Math.subtractExact(currentNanos, alternativeNanos);
    }

    public long unpriced() {
        return unpriced;
    }

    public String firstUnpricedReason() {
        return firstUnpricedReason;
    }
}

package io.tokenledger.pricing.domain;

/**
 * The cost of one usage, or why it has none. An UNPRICED usage costs 0 with a reason: it is never
 * mistaken for a free call.
 */
public record PricedUsage(
        Status status,
        String unpricedReason,
        long costNanos,
        Breakdown breakdown,
        String priceId,
        String resolvedProvider,
        String resolvedModel) {

    /** Whether the usage could be priced. */
    public enum Status { PRICED, UNPRICED }

    public static PricedUsage priced(Prices prices, long costNanos, Breakdown breakdown) {
        return new PricedUsage(Status.PRICED, "", costNanos, breakdown, prices.priceId(), prices.provider(), prices.model());
    }

    /** Unpriced with no model resolved (unknown model). */
    public static PricedUsage unpriced(String reason) {
        return new PricedUsage(Status.UNPRICED, reason, 0, Breakdown.NONE, "", "", "");
    }

    /** Unpriced although the model resolved (no version in force, or a class without a price). */
    public static PricedUsage unpriced(ModelKey resolved, String reason) {
        return new PricedUsage(Status.UNPRICED, reason, 0, Breakdown.NONE, "", resolved.provider(), resolved.model());
    }

    public boolean isPriced() {
        return status == Status.PRICED;
    }
}

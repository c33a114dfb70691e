package io.tokenledger.pricing.domain;

/**
 * The cost of one usage, or why it has none. An UNPRICED usage costs 0 with a reason: it is never
 * mistaken for a free call. {@code listCostNanos} is the cost at the public price; it differs from
 * {@code costNanos} only when a tenant price applied.
 */
public record PricedUsage(
        Status status,
        String unpricedReason,
        long costNanos,
        Breakdown breakdown,
        String priceId,
        String resolvedProvider,
        String resolvedModel,
        long listCostNanos) {

    /** Whether the usage could be priced. */
    public enum Status { PRICED, UNPRICED }

    public static PricedUsage priced(Prices prices, long costNanos, Breakdown breakdown) {
        return priced(prices, prices.priceId(), costNanos, breakdown);
    }

    static PricedUsage priced(Prices prices, String priceId, long costNanos, Breakdown breakdown) {
        return new PricedUsage(Status.PRICED, "", costNanos, breakdown, priceId, prices.provider(), prices.model(),
                costNanos);
    }

    /** Unpriced with no model resolved (unknown model). */
    public static PricedUsage unpriced(String reason) {
        return new PricedUsage(Status.UNPRICED, reason, 0, Breakdown.NONE, "", "", "", 0);
    }

    /** Unpriced although the model resolved (no version in force, or a class without a price). */
    public static PricedUsage unpriced(ModelKey resolved, String reason) {
        return new PricedUsage(Status.UNPRICED, reason, 0, Breakdown.NONE, "", resolved.provider(), resolved.model(), 0);
    }

    /** This (tenant) cost with the public list cost beside it. */
    PricedUsage withListCost(long listCost, String tenantPriceId) {
        return new PricedUsage(status, unpricedReason, costNanos, breakdown, tenantPriceId, resolvedProvider,
                resolvedModel, listCost);
    }

    public boolean isPriced() {
        return status == Status.PRICED;
    }
}

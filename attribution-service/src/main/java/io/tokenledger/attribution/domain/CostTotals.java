package io.tokenledger.attribution.domain;

/** Sums over a set of ledger rows: cost, tokens and cost by class, and how many events (and unpriced ones). */
public record CostTotals(long costNanos, Amounts<TokenClass> tokens, Amounts<CostPart> breakdown,
                         long eventCount, long unpricedCount) {

    public static CostTotals zero() {
        return new CostTotals(0, Amounts.zero(TokenClass.class), Amounts.zero(CostPart.class), 0, 0);
    }
}

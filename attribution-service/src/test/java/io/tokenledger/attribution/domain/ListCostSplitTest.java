package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A charge's list cost spread over its class rows: exact sums, shares by |billed cost| (else by |quantity|). */
class ListCostSplitTest {

    private static ExportRow row(TokenClass tokenClass, long quantity, long nanos) {
        return new ExportRow(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:00:00Z"), "openai",
                "gpt-5-mini", "t", "f", "c", "u", "prod", "PRICED", tokenClass, quantity, nanos, 1, 0);
    }

    private static List<Long> listCosts(List<ExportRow> charge, long listCostNanos) {
        return ListCostSplit.apply(charge, listCostNanos).stream().map(ExportRow::listCostNanos).toList();
    }

    @Test
    void withoutATenantPriceEachRowsListCostIsItsBilledCost() {
        List<ExportRow> charge = List.of(row(TokenClass.INPUT, 1_000, 250_000), row(TokenClass.OUTPUT, 100, 200_000),
                row(TokenClass.REQUESTS, 1, 0));
        assertThat(listCosts(charge, 450_000)).containsExactly(250_000L, 200_000L, 0L);
    }

    @Test
    void aTenantPriceAtHalfTheListPriceDoublesEveryRow() {
        // 10,000 in at $0.125 = 1,250,000 and 1,000 out at $1.00 = 1,000,000 (list $0.25 / $2.00: 4,500,000).
        // Difference 4,500,000 - 2,250,000 = 2,250,000, split 1,250,000 : 1,000,000 : 0.
        List<ExportRow> charge = List.of(row(TokenClass.INPUT, 10_000, 1_250_000),
                row(TokenClass.OUTPUT, 1_000, 1_000_000), row(TokenClass.REQUESTS, 1, 0));
        assertThat(listCosts(charge, 4_500_000)).containsExactly(2_500_000L, 2_000_000L, 0L);
    }

    @Test
    void theNanoUsdLeftOverGoToTheLargestRemainder() {
        // Difference 5,600,000 - 3,350,000 = 2,250,000 over 1,750,000 : 1,600,000 (sum 3,350,000):
        // input 2,250,000 x 1,750,000 / 3,350,000 = 1,175,373.13 -> 1,175,373; output 1,074,626.87 -> 1,074,626;
        // the 1 nano-USD left goes to output (remainder .87 > .13): 1,074,627.
        List<ExportRow> charge = List.of(row(TokenClass.INPUT, 7_000, 1_750_000),
                row(TokenClass.OUTPUT, 800, 1_600_000));
        assertThat(listCosts(charge, 5_600_000)).containsExactly(1_750_000L + 1_175_373, 1_600_000L + 1_074_627);
    }

    @Test
    void aFreeTenantPriceSpreadsTheListCostByQuantity() {
        // Billed $0 everywhere: the list cost 3,000 goes 1,000 : 2,000 by tokens.
        List<ExportRow> charge = List.of(row(TokenClass.INPUT, 1_000, 0), row(TokenClass.OUTPUT, 2_000, 0));
        assertThat(listCosts(charge, 3_000)).containsExactly(1_000L, 2_000L);
    }

    @Test
    void aNegativeDifferenceIsTakenOffByTheSameRule() {
        // A reversal left in its period: billed -3,000,000 (input -1,000,000, output -2,000,000), list -6,000,000;
        // difference -3,000,000 split by |billed| 1 : 2.
        List<ExportRow> charge = List.of(row(TokenClass.INPUT, -4_000, -1_000_000),
                row(TokenClass.OUTPUT, -1_000, -2_000_000));
        assertThat(listCosts(charge, -6_000_000)).containsExactly(-2_000_000L, -4_000_000L);
    }
}

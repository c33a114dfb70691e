package io.tokenledger.budget.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formatting of nano-USD amounts for reasons shown to people. */
final class Money {

    private Money() {
    }

    /** $50.00 when whole cents, else every significant decimal (never hides a nano-USD). */
    static String format(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        if (usd.scale() <= 2) {
            usd = usd.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + usd.toPlainString();
    }
}

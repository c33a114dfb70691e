package io.tokenledger.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as an exact number of nano-USD (1e-9 USD) in a {@code long}.
 *
 * <p>This is the one place where TokenLedger rounds: an exact decimal cost is rounded once, half-even,
 * to whole nano-USD by {@link #fromUsd(BigDecimal)}. From there on every amount is a long, so sums are exact.
 */
public final class Nanos {

    /** Nano-USD per USD. */
    public static final long PER_USD = 1_000_000_000L;

    /** The rounding of exact costs to nano-USD, stated once for the whole product. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private static final BigDecimal PER_USD_DECIMAL = BigDecimal.valueOf(PER_USD);

    private Nanos() {
    }

    /** Rounds an exact USD amount half-even to whole nano-USD. Throws if it does not fit a long. */
    public static long fromUsd(BigDecimal usd) {
        return usd.multiply(PER_USD_DECIMAL).setScale(0, ROUNDING).longValueExact();
    }

    /** The exact USD value of an amount of nano-USD. */
    public static BigDecimal toUsd(long nanos) {
        return BigDecimal.valueOf(nanos, 9);
    }

    /** Formats nano-USD for people, e.g. {@code $1,234.567890123} (all nine decimals, nothing hidden). */
    public static String format(long nanos) {
        return String.format("$%,.9f", toUsd(nanos));
    }

    /** Formats nano-USD rounded to cents for summaries, e.g. {@code $1,234.57}. */
    public static String formatCents(long nanos) {
        return String.format("$%,.2f", toUsd(nanos).setScale(2, ROUNDING));
    }
}

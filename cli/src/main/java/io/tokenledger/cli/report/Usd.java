package io.tokenledger.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats nano-USD amounts. */
public final class Usd {

    private Usd() {
    }

    /** Money {units, nanos} as nano-USD. */
    public static long nanos(io.tokenledger.api.common.v1.Money money) {
        return Math.addExact(Math.multiplyExact(money.getUnits(), 1_000_000_000L), money.getNanos());
    }

    public static BigDecimal of(long nanos) {
        return BigDecimal.valueOf(nanos, 9);
    }

    /** "$1,234.57" (display only; the exact figure is {@link #exact}). */
    public static String dollars(long nanos) {
        BigDecimal value = of(nanos).setScale(2, RoundingMode.HALF_EVEN);
        return (value.signum() < 0 ? "-$" : "$") + String.format("%,.2f", value.abs());
    }

    /** "$382.714364123": every nano-USD. */
    public static String exact(long nanos) {
        BigDecimal value = of(nanos);
        return (value.signum() < 0 ? "-$" : "$") + value.abs().toPlainString();
    }

    /** part / whole in percent with one decimal; 0 when whole is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_EVEN);
    }

    /** nanos / divisor in USD with 6 decimals (e.g. cost per request). */
    public static BigDecimal perUnit(long nanos, long divisor) {
        if (divisor == 0) {
            return BigDecimal.ZERO;
        }
        return of(nanos).divide(BigDecimal.valueOf(divisor), 6, RoundingMode.HALF_EVEN);
    }
}

package io.tokenledger.pricing.domain;

import io.tokenledger.platform.money.Nanos;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost of a usage under one set of rates: sum over classes of billed units x USD per 1M / 1M, kept exact
 * and rounded once (half-even, as {@link Nanos#fromUsd}). The breakdown is then allocated from that total by
 * largest remainder, so its parts add up to it exactly. Two equivalent paths: exact long arithmetic in
 * 1e-18 USD when every price is a whole number of pico-USD per 1M and nothing overflows (the usual case),
 * else BigDecimal.
 */
public final class CostMath {

    private static final int CLASSES = TokenClass.ALL.length;
    private static final long NANO = 1_000_000_000L; // 1e-18 USD units per nano-USD

    private CostMath() {
    }

    /** Prices a usage at a version's standard base rates. */
    public static PricedUsage price(Prices prices, TokenUsage usage) {
        return price(new Rates(prices, null), usage);
    }

    static PricedUsage price(Rates rates, TokenUsage usage) {
        long[] units = new long[CLASSES];
        for (TokenClass tokenClass : TokenClass.ALL) {
            try {
                units[tokenClass.ordinal()] = usage.billed(tokenClass);
            } catch (ArithmeticException overflow) {
                return PricedUsage.unpriced(rates.prices.key(), tokenClass.label() + " units overflow");
            }
        }
        for (TokenClass tokenClass : TokenClass.ALL) {
            int i = tokenClass.ordinal();
            if (units[i] != 0 && rates.perMillion[i] == null) {
                if (tokenClass == TokenClass.REQUEST) {
                    units[i] = 0; // no per-request fee
                } else {
                    return PricedUsage.unpriced(rates.prices.key(), rates.missing(tokenClass));
                }
            }
        }
        if (rates.integral) {
            PricedUsage fast = priceExactLong(rates, units);
            if (fast != null) {
                return fast;
            }
        }
        return priceBigDecimal(rates, units);
    }

    /** Null when a product overflows a long; the caller then takes the BigDecimal path. */
    private static PricedUsage priceExactLong(Rates rates, long[] units) {
        long[] parts = new long[CLASSES];
        long[] remainders = new long[CLASSES];
        long floors = 0;
        long remainderSum = 0;
        for (int i = 0; i < CLASSES; i++) {
            if (units[i] == 0) {
                continue;
            }
            long exact = units[i] * rates.pico[i]; // 1e-12 USD per 1M x units = 1e-18 USD
            if (Math.multiplyHigh(units[i], rates.pico[i]) != 0 || exact < 0) {
                return null;
            }
            parts[i] = exact / NANO;
            remainders[i] = exact % NANO;
            floors += parts[i];
            remainderSum += remainders[i];
        }
        long carry = remainderSum / NANO;
        long rest = remainderSum % NANO;
        long total = floors + carry;
        if (rest > NANO / 2 || rest == NANO / 2 && (total & 1) == 1) {
            total++; // half-even
        }
        for (long left = total - floors; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < CLASSES; i++) {
                if (remainders[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("breakdown cannot reach total " + total);
            }
            parts[best]++;
            remainders[best] = 0;
        }
        return PricedUsage.priced(rates.prices, rates.priceId, total, Breakdown.adopt(parts));
    }

    private static PricedUsage priceBigDecimal(Rates rates, long[] units) {
        // Exact cost per class in "USD per 1M" units (units x price); null where nothing is billed.
        BigDecimal[] exact = new BigDecimal[CLASSES];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < CLASSES; i++) {
            if (units[i] != 0) {
                exact[i] = rates.perMillion[i].multiply(BigDecimal.valueOf(units[i]));
                sum = sum.add(exact[i]);
            }
        }
        long total;
        try {
            total = Nanos.fromUsd(sum.movePointLeft(6));
        } catch (ArithmeticException overflow) {
            return PricedUsage.unpriced(rates.prices.key(), "cost does not fit in nano-USD");
        }
        return PricedUsage.priced(rates.prices, rates.priceId, total, allocate(exact, total));
    }

    /**
     * Floors each class's exact nano-USD cost, then hands the nanos left to reach {@code total} out one by one
     * to the classes with the largest fractional remainder (ties: class order). Since total is the rounded
     * exact sum, at most one extra nano goes to each class that has a remainder.
     */
    static Breakdown allocate(BigDecimal[] exactPerMillion, long total) {
        long[] parts = new long[CLASSES];
        BigDecimal[] remainders = new BigDecimal[CLASSES];
        long floors = 0;
        for (int i = 0; i < CLASSES; i++) {
            if (exactPerMillion[i] == null) {
                continue;
            }
            // USD per 1M x units, as nano-USD: / 1e6 USD x 1e9 nano = x 1e3.
            BigDecimal nanos = exactPerMillion[i].movePointRight(3);
            BigDecimal floor = nanos.setScale(0, RoundingMode.FLOOR);
            parts[i] = floor.longValueExact();
            floors += parts[i];
            BigDecimal remainder = nanos.subtract(floor);
            remainders[i] = remainder.signum() > 0 ? remainder : null;
        }
        for (long left = total - floors; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < CLASSES; i++) {
                if (remainders[i] != null && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("breakdown cannot reach total " + total);
            }
            parts[best]++;
            remainders[best] = null;
        }
        return Breakdown.adopt(parts);
    }
}

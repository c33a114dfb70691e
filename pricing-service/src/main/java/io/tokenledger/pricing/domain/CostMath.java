package io.tokenledger.pricing.domain;

import io.tokenledger.platform.money.Nanos;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost of a usage under one price version: sum over classes of billed units x USD per 1M / 1M,
 * kept exact as a BigDecimal and rounded once (half-even, {@link Nanos#fromUsd}). The breakdown is then
 * allocated from that total by largest remainder, so its parts add up to it exactly.
 */
public final class CostMath {

    private static final int CLASSES = TokenClass.ALL.length;

    private CostMath() {
    }

    public static PricedUsage price(Prices prices, TokenUsage usage) {
        // Exact cost per class in "USD per 1M" units (units x price); null where nothing is billed.
        BigDecimal[] exact = new BigDecimal[CLASSES];
        BigDecimal sum = BigDecimal.ZERO;
        for (TokenClass tokenClass : TokenClass.ALL) {
            long units;
            try {
                units = usage.billed(tokenClass);
            } catch (ArithmeticException overflow) {
                return PricedUsage.unpriced(prices.key(), tokenClass.label() + " units overflow");
            }
            if (units == 0) {
                continue;
            }
            BigDecimal price = unitPrice(prices, tokenClass);
            if (price == null) {
                if (tokenClass == TokenClass.REQUEST) {
                    continue; // no per-request fee
                }
                return PricedUsage.unpriced(prices.key(),
                        "no " + tokenClass.label() + " price for " + prices.provider() + "/" + prices.model());
            }
            exact[tokenClass.ordinal()] = price.multiply(BigDecimal.valueOf(units));
            sum = sum.add(exact[tokenClass.ordinal()]);
        }
        long total;
        try {
            total = Nanos.fromUsd(sum.movePointLeft(6));
        } catch (ArithmeticException overflow) {
            return PricedUsage.unpriced(prices.key(), "cost does not fit in nano-USD");
        }
        return PricedUsage.priced(prices, total, allocate(exact, total));
    }

    /** Reasoning is billed as output when the model has no separate reasoning price. */
    private static BigDecimal unitPrice(Prices prices, TokenClass tokenClass) {
        BigDecimal price = prices.perMillion().get(tokenClass);
        if (price == null && tokenClass == TokenClass.REASONING) {
            return prices.perMillion().get(TokenClass.OUTPUT);
        }
        return price;
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

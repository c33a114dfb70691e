package io.tokenledger.budget.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Threshold crossing in exact arithmetic: no division, so no rounding at the boundary, and 128-bit products, so that
 * no limit overflows (a $1B limit is 10^18 nano-USD; times 100 % it is past a long).
 */
public final class Thresholds {

    private Thresholds() {
    }

    /** Whether moving spend from {@code before} to {@code after} crosses {@code percent} of {@code limit}. */
    public static boolean crossed(int percent, long limit, long before, long after) {
        return compareProducts(before, 100, limit, percent) < 0 && compareProducts(limit, percent, after, 100) <= 0;
    }

    /** Whether {@code spent} is at or past {@code percent} of {@code limit}. */
    public static boolean reached(int percent, long limit, long spent) {
        return compareProducts(spent, 100, limit, percent) >= 0;
    }

    /** The sign of x·y − u·v, compared as exact 128-bit products. */
    static int compareProducts(long x, long y, long u, long v) {
        long high = Math.multiplyHigh(x, y);
        long otherHigh = Math.multiplyHigh(u, v);
        return high != otherHigh ? Long.compare(high, otherHigh) : Long.compareUnsigned(x * y, u * v);
    }

    /** Every threshold of the list crossed by the move, in list order. */
    public static List<Integer> crossedBy(List<Integer> percents, long limit, long before, long after) {
        List<Integer> crossed = new ArrayList<>();
        for (int percent : percents) {
            if (crossed(percent, limit, before, after)) {
                crossed.add(percent);
            }
        }
        return crossed;
    }
}

package io.tokenledger.budget.domain;

import java.util.ArrayList;
import java.util.List;

/** Threshold crossing in exact long arithmetic (no division, so no rounding at the boundary). */
public final class Thresholds {

    private Thresholds() {
    }

    /** Whether moving spend from {@code before} to {@code after} crosses {@code percent} of {@code limit}. */
    public static boolean crossed(int percent, long limit, long before, long after) {
        long mark = Math.multiplyExact(limit, (long) percent);
        return Math.multiplyExact(before, 100L) < mark && mark <= Math.multiplyExact(after, 100L);
    }

    /** Whether {@code spent} is at or past {@code percent} of {@code limit}. */
    public static boolean reached(int percent, long limit, long spent) {
        return Math.multiplyExact(spent, 100L) >= Math.multiplyExact(limit, (long) percent);
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

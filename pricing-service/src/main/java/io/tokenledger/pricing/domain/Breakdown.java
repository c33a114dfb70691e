package io.tokenledger.pricing.domain;

import java.util.Arrays;

/** A cost split by token class in nano-USD; the parts add up to the rounded total. */
public final class Breakdown {

    /** The breakdown of an unpriced usage: nothing anywhere. */
    public static final Breakdown NONE = new Breakdown(new long[TokenClass.ALL.length]);

    private final long[] nanos;

    private Breakdown(long[] nanos) {
        this.nanos = nanos;
    }

    /** Takes ownership of an array indexed by {@link TokenClass#ordinal()}. */
    static Breakdown adopt(long[] nanos) {
        return new Breakdown(nanos);
    }

    public long nanos(TokenClass tokenClass) {
        return nanos[tokenClass.ordinal()];
    }

    public long total() {
        long sum = 0;
        for (long part : nanos) {
            sum += part;
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Breakdown that && Arrays.equals(nanos, that.nanos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nanos);
    }

    @Override
    public String toString() {
        return "Breakdown" + Arrays.toString(nanos);
    }
}

package io.tokenledger.attribution.domain;

import java.util.Arrays;

/**
 * An immutable amount per constant of an enum (token counts per {@link TokenClass}, nano-USD per
 * {@link CostPart}), kept as a long array in the enum's order because the ledger handles thousands per batch.
 */
public final class Amounts<E extends Enum<E>> {

    private final Class<E> keys;
    private final long[] values;

    private Amounts(Class<E> keys, long[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Amounts in the order of {@code keys}' constants; exactly one value per constant. */
    public static <E extends Enum<E>> Amounts<E> of(Class<E> keys, long... values) {
        int size = keys.getEnumConstants().length;
        if (values.length != size) {
            throw new IllegalArgumentException("expected " + size + " values for " + keys.getSimpleName());
        }
        return new Amounts<>(keys, values.clone());
    }

    /** All zero. */
    public static <E extends Enum<E>> Amounts<E> zero(Class<E> keys) {
        return new Amounts<>(keys, new long[keys.getEnumConstants().length]);
    }

    public long get(E key) {
        return values[key.ordinal()];
    }

    /** The sum of every value. Throws on overflow. */
    public long sum() {
        long total = 0;
        for (long value : values) {
            total = Math.addExact(total, value);
        }
        return total;
    }

    /** A copy of the values in the enum's order. */
    public long[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Amounts<?> that && keys == that.keys && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(keys.getSimpleName()).append('{');
        E[] constants = keys.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            text.append(i == 0 ? "" : ", ").append(constants[i].name()).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}

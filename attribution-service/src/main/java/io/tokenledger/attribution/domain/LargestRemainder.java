package io.tokenledger.attribution.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits an integer amount of nano-USD in proportion to weights so that the parts add up to the amount exactly
 * (the largest-remainder method). Each value first gets floor(amount x weight / total weight); the nano-USD left
 * over go one each to the values with the largest remainders (amount x weight mod total weight), ties broken by
 * the value in ascending order ({@link String#compareTo}). The one allocation rule of the service.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /**
     * The parts per value (every weighted value present, zeros included). Weights must be >= 0 with a positive
     * sum; amount must be >= 0.
     */
    public static SortedMap<String, Long> split(long amount, Map<String, Long> weights) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
        BigInteger total = BigInteger.ZERO;
        for (long weight : weights.values()) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must be >= 0");
            }
            total = total.add(BigInteger.valueOf(weight));
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("the weights must have a positive sum");
        }
        SortedMap<String, Long> parts = new TreeMap<>();
        List<Map.Entry<String, BigInteger>> remainders = new ArrayList<>();
        long given = 0;
        BigInteger big = BigInteger.valueOf(amount);
        for (Map.Entry<String, Long> weight : new TreeMap<>(weights).entrySet()) {
            BigInteger[] division = big.multiply(BigInteger.valueOf(weight.getValue())).divideAndRemainder(total);
            long part = division[0].longValueExact();
            parts.put(weight.getKey(), part);
            given += part;
            remainders.add(Map.entry(weight.getKey(), division[1]));
        }
        // Sorted by value already, and the sort is stable: equal remainders keep ascending value order.
        remainders.sort(Comparator.comparing((Map.Entry<String, BigInteger> r) -> r.getValue()).reversed());
        long left = amount - given; // < number of values, since each floor loses less than one
        for (int i = 0; i < left; i++) {
            parts.merge(remainders.get(i).getKey(), 1L, Long::sum);
        }
        return parts;
    }
}

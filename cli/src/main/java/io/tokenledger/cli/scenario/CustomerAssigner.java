package io.tokenledger.cli.scenario;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks a customer per request from a Zipf-like distribution (rank k has weight 1/k^s) with a seeded PRNG, so that
 * a rerun with the same seed assigns every request to the same customer.
 */
public final class CustomerAssigner {

    private final CustomerSpec customers;
    private final double[] cumulative;
    private final SplittableRandom random;

    public CustomerAssigner(CustomerSpec customers, long seed) {
        this.customers = customers;
        this.random = new SplittableRandom(seed);
        this.cumulative = new double[customers.count()];
        double sum = 0;
        for (int k = 1; k <= customers.count(); k++) {
            sum += 1.0 / Math.pow(k, customers.zipfExponent());
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A PRNG stream per feature, so a feature's assignment does not depend on the other features or on --rows. */
    public static CustomerAssigner forFeature(CustomerSpec customers, long seed, String feature) {
        return new CustomerAssigner(customers, seed * 31 + feature.hashCode());
    }

    /** The rank (1-based) of the next request's customer. */
    public int nextRank() {
        double u = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        int index = i >= 0 ? i : -i - 1;
        return Math.min(index, cumulative.length - 1) + 1;
    }

    public String next() {
        return customers.name(nextRank());
    }
}

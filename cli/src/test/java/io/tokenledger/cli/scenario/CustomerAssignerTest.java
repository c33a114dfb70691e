package io.tokenledger.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CustomerAssignerTest {

    private static final CustomerSpec FORTY = new CustomerSpec(40, "cust-", 1.1);

    @Test
    void sameSeedGivesTheSameSequence() {
        CustomerAssigner a = CustomerAssigner.forFeature(FORTY, 42, "chat");
        CustomerAssigner b = CustomerAssigner.forFeature(FORTY, 42, "chat");
        String[] first = IntStream.range(0, 1000).mapToObj(i -> a.next()).toArray(String[]::new);
        String[] second = IntStream.range(0, 1000).mapToObj(i -> b.next()).toArray(String[]::new);

        assertThat(first).containsExactly(second);
        CustomerAssigner other = CustomerAssigner.forFeature(FORTY, 43, "chat");
        assertThat(IntStream.range(0, 1000).mapToObj(i -> other.next()).toArray(String[]::new)).isNotEqualTo(first);
    }

    @Test
    void distributionIsSkewedTowardsTheFirstCustomers() {
        CustomerAssigner assigner = new CustomerAssigner(FORTY, 1);
        int[] counts = new int[41];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[assigner.nextRank()]++;
        }

        // Weights 1/k^1.1; H = sum over k = 1..40 is about 3.63, so rank 1 gets ~27.5 %, rank 2 ~12.8 %,
        // rank 40 ~0.47 % (uniform would be 2.5 % each).
        assertThat(counts[0]).isZero();
        assertThat(counts[1] / (double) n).isBetween(0.26, 0.29);
        assertThat(counts[2] / (double) n).isBetween(0.115, 0.14);
        assertThat(counts[40] / (double) n).isBetween(0.003, 0.007);
        assertThat(counts[1]).isGreaterThan(counts[2]).isGreaterThan(5 * counts[10]);
        assertThat(IntStream.rangeClosed(1, 40).allMatch(k -> counts[k] > 0)).isTrue();
    }

    @Test
    void zeroExponentIsUniform() {
        CustomerAssigner assigner = new CustomerAssigner(new CustomerSpec(4, "c", 0), 9);
        int[] counts = new int[5];
        for (int i = 0; i < 40_000; i++) {
            counts[assigner.nextRank()]++;
        }
        assertThat(IntStream.rangeClosed(1, 4).map(k -> counts[k])).allMatch(c -> c > 9_500 && c < 10_500);
    }
}

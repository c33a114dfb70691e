package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LargestRemainderTest {

    @Test
    void splitsByLargestRemainder() {
        // 100 over weights 1:1:1 -> exact 33.33 each; floors 33+33+33 = 99; the one left over goes to the
        // largest remainder, all equal (100 mod 3 = 1 each) -> the smallest value "a".
        assertThat(LargestRemainder.split(100, Map.of("c", 1L, "a", 1L, "b", 1L)))
                .containsExactly(Map.entry("a", 34L), Map.entry("b", 33L), Map.entry("c", 33L));
    }

    @Test
    void largerRemaindersGetTheLeftoverBeforeSmallerValues() {
        // 10 over 3:3:1 (sum 7): 30/7 = 4 r2, 30/7 = 4 r2, 10/7 = 1 r3 -> floors 9, one left: "z" (r3) gets it.
        assertThat(LargestRemainder.split(10, Map.of("x", 3L, "y", 3L, "z", 1L)))
                .containsExactly(Map.entry("x", 4L), Map.entry("y", 4L), Map.entry("z", 2L));
        // 11 over the same: 33/7 = 4 r5, 4 r5, 11/7 = 1 r4 -> floors 9, two left: x and y (r5), not z (r4).
        assertThat(LargestRemainder.split(11, Map.of("x", 3L, "y", 3L, "z", 1L)))
                .containsExactly(Map.entry("x", 5L), Map.entry("y", 5L), Map.entry("z", 1L));
    }

    @Test
    void hugeAmountsAndWeightsDoNotOverflowAndStillAddUp() {
        long amount = Long.MAX_VALUE;
        Map<String, Long> parts = LargestRemainder.split(amount, Map.of("a", Long.MAX_VALUE, "b", 2L, "c", 0L));
        assertThat(parts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(amount);
        assertThat(parts.get("c")).isZero();
    }

    @Test
    void rejectsNoPositiveWeight() {
        assertThatThrownBy(() -> LargestRemainder.split(5, Map.of("a", 0L)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

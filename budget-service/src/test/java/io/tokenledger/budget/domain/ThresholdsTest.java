package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    // $50.00 = 50,000,000,000 nano-USD; 80 % of it = $40.00 = 40,000,000,000.
    private static final long LIMIT = 50_000_000_000L;

    @Test
    void crossingExactlyAtTheMarkCounts() {
        // before $39.999999999 (x100 = 3,999,999,999,900 < 4,000,000,000,000 = limit x 80), after exactly $40.00.
        assertThat(Thresholds.crossed(80, LIMIT, 39_999_999_999L, 40_000_000_000L)).isTrue();
    }

    @Test
    void alreadyAtTheMarkIsNotCrossedAgain() {
        assertThat(Thresholds.crossed(80, LIMIT, 40_000_000_000L, 45_000_000_000L)).isFalse();
    }

    @Test
    void stoppingOneNanoShortIsNotACrossing() {
        assertThat(Thresholds.crossed(80, LIMIT, 0, 39_999_999_999L)).isFalse();
    }

    @Test
    void oneChargeCanCrossSeveralThresholds() {
        // $0 -> $60: crosses 50 % ($25), 80 % ($40), 100 % ($50); not 150 % ($75).
        assertThat(Thresholds.crossedBy(List.of(50, 80, 100, 150), LIMIT, 0, 60_000_000_000L)).containsExactly(50, 80, 100);
    }

    @Test
    void limitsWhoseMarkIsPastALongStillCompareExactly() {
        // $1B = 10^18 nano-USD; 80 % of it as a product is 8 x 10^19, past Long.MAX_VALUE (9.22 x 10^18): it used to
        // throw "long overflow" on every charge. The mark is 8 x 10^17.
        long limit = 1_000_000_000_000_000_000L;
        assertThat(Thresholds.crossed(80, limit, 799_999_999_999_999_999L, 800_000_000_000_000_000L)).isTrue();
        assertThat(Thresholds.crossed(80, limit, 800_000_000_000_000_000L, 900_000_000_000_000_000L)).isFalse();
        assertThat(Thresholds.crossed(100, limit, 0, 999_999_999_999_999_999L)).isFalse();
        assertThat(Thresholds.reached(100, Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
        assertThat(Thresholds.reached(100, Long.MAX_VALUE, Long.MAX_VALUE - 1)).isFalse();
        // A refund below zero is below every mark.
        assertThat(Thresholds.reached(1, limit, -5)).isFalse();
        assertThat(Thresholds.compareProducts(Long.MIN_VALUE, 100, Long.MAX_VALUE, 100)).isNegative();
    }

    @Test
    void oddLimitsNeedNoDivision() {
        // limit 3 nano-USD, 50 % = 1.5 nano: 1 nano (100 < 150) does not reach it, 2 nano (200 >= 150) does.
        assertThat(Thresholds.crossed(50, 3, 0, 1)).isFalse();
        assertThat(Thresholds.crossed(50, 3, 1, 2)).isTrue();
    }
}

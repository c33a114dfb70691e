package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofHours(1));

    @Test
    void doublesFromTheBase() {
        // jitter 0.5 -> factor 0.8 + 0.4 x 0.5 = 1.0: 1 s, 2 s, 4 s.
        assertThat(backoff.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void isCappedAtOneHour() {
        // 2^12 s = 4096 s > 3600 s.
        assertThat(backoff.delayAfter(13, 0.5)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delayAfter(500, 0.5)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterSpreadsPlusMinusTwentyPercent() {
        // 4 s x 0.8 = 3.2 s; 4 s x (0.8 + 0.4 x 0.999) = 4.7984 s -> 4798 ms.
        assertThat(backoff.delayAfter(3, 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.delayAfter(3, 0.999)).isEqualTo(Duration.ofMillis(4798));
    }
}

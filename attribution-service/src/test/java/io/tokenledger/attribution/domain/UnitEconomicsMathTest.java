package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UnitEconomicsMathTest {

    @Test
    void divisionsRoundHalfEvenToANanoUsd() {
        long[] tokens = new long[TokenClass.values().length];
        tokens[TokenClass.INPUT.ordinal()] = 900;
        tokens[TokenClass.CACHED_INPUT.ordinal()] = 100;
        tokens[TokenClass.OUTPUT.ordinal()] = 400;
        // 10 nano-USD over 4 outcomes = 2.5 -> 2 (half-even); over 3 requests = 3.33 -> 3; margin 7 - 10 = -3
        UnitEconomics unit = new UnitEconomics(List.of("f"), 10, 6, 4, Optional.of(7L), 3, 0,
                Amounts.of(TokenClass.class, tokens));
        assertThat(unit.costPerOutcomeNanos()).contains(2L);
        assertThat(unit.costPerRequestNanos()).contains(3L);
        assertThat(unit.costPerUserNanos()).isEmpty();
        assertThat(unit.failureCostNanos()).isEqualTo(4);
        assertThat(unit.marginNanos()).contains(-3L);
        // prompt 1,000 : completion 400 = 2.5; cache hit 100 / 1,000 = 0.1
        assertThat(unit.promptCompletionRatio()).isEqualTo(2.5);
        assertThat(unit.cacheHitShare()).isEqualTo(0.1);
    }
}

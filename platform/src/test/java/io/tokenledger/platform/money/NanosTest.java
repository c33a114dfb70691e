package io.tokenledger.platform.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NanosTest {

    @Test
    void roundsHalfEvenToWholeNanos() {
        // 0.0000000125 USD = 12.5 nano-USD -> 12 (half to even); 13.5 -> 14.
        assertThat(Nanos.fromUsd(new BigDecimal("0.0000000125"))).isEqualTo(12);
        assertThat(Nanos.fromUsd(new BigDecimal("0.0000000135"))).isEqualTo(14);
        // 4808 prompt tokens at $1.00 per 1M = 0.004808 USD = 4,808,000 nano-USD exactly.
        assertThat(Nanos.fromUsd(new BigDecimal("4808").multiply(new BigDecimal("0.000001")))).isEqualTo(4_808_000);
    }

    @Test
    void protoMoneyKeepsUnitsAndNanosWithTheSameSign() {
        assertThat(ProtoMoney.of(1_234_567_890_123L).getUnits()).isEqualTo(1234);
        assertThat(ProtoMoney.of(1_234_567_890_123L).getNanos()).isEqualTo(567_890_123);
        assertThat(ProtoMoney.of(-1_500_000_000L).getUnits()).isEqualTo(-1);
        assertThat(ProtoMoney.of(-1_500_000_000L).getNanos()).isEqualTo(-500_000_000);
        assertThat(ProtoMoney.toNanos(ProtoMoney.of(-1_500_000_000L))).isEqualTo(-1_500_000_000L);
    }

    @Test
    void formatsAllNineDecimals() {
        assertThat(Nanos.format(1_234_567_890_123L)).isEqualTo("$1,234.567890123");
        assertThat(Nanos.formatCents(1_234_567_890_123L)).isEqualTo("$1,234.57");
    }
}

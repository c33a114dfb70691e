package io.tokenledger.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.Money;
import org.junit.jupiter.api.Test;

class UsdTest {

    @Test
    void formatsAmounts() {
        // 382,714,364,123 nano-USD = $382.714364123, displayed $382.71
        assertThat(Usd.dollars(382_714_364_123L)).isEqualTo("$382.71");
        assertThat(Usd.exact(382_714_364_123L)).isEqualTo("$382.714364123");
        assertThat(Usd.dollars(-12_000_000L)).isEqualTo("-$0.01");
        assertThat(Usd.dollars(1_234_565_000_000L)).isEqualTo("$1,234.56"); // half-even
        assertThat(Usd.nanos(Money.newBuilder().setUnits(3).setNanos(250_000_000).build())).isEqualTo(3_250_000_000L);
    }

    @Test
    void dividesForUnitEconomics() {
        // $18.797662 over 8,819 requests = $0.0021314958... per request -> $0.002131
        assertThat(Usd.perUnit(18_797_662_000L, 8_819).toPlainString()).isEqualTo("0.002131");
        assertThat(Usd.percent(1, 3).toPlainString()).isEqualTo("33.3");
        assertThat(Usd.percent(1, 0).toPlainString()).isEqualTo("0");
    }

    @Test
    void splitsCostIntoPromptCompletionAndCached() {
        CostBreakdown b = CostBreakdown.newBuilder().setInputNanos(600).setCachedInputNanos(100).setOutputNanos(250)
                .setReasoningNanos(50).build();

        CostReport.CostShare share = ReportBuilder.share(b, 1000);

        assertThat(share.promptNanos()).isEqualTo(600);
        assertThat(share.completionNanos()).isEqualTo(300);
        assertThat(share.cachedNanos()).isEqualTo(100);
        assertThat(share.otherNanos()).isZero();
        assertThat(share.promptPercent().toPlainString()).isEqualTo("60.0");
    }

    @Test
    void quotesCsv() {
        assertThat(ReportFiles.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportFiles.quote("plain")).isEqualTo("plain");
    }
}

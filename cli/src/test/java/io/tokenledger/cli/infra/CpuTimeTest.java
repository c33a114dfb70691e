package io.tokenledger.cli.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void usedIsAfterMinusBeforePartByPartInTheOrderOfAfter() {
        Map<String, Double> before = Map.of("ingest", 10.0, "redis", 2.5);
        Map<String, Double> after = new LinkedHashMap<>();
        after.put("ingest", 12.0);
        after.put("redis", 2.75);
        after.put("client", 1.0);
        assertThat(CpuTime.used(before, after)).containsExactly(Map.entry("ingest", 2.0), Map.entry("redis", 0.25),
                Map.entry("client", 1.0));
    }

    @Test
    void thisProcessHasUsedSomeCpuAndItOnlyGrows() {
        long first = CpuTime.ticks(ProcessHandle.current().pid());
        long sum = 0;
        for (int i = 0; i < 50_000_000; i++) {
            sum += i % 7;
        }
        long second = CpuTime.ticks(ProcessHandle.current().pid());
        assertThat(sum).isPositive();
        assertThat(first).isPositive();
        assertThat(second).isGreaterThanOrEqualTo(first);
    }
}

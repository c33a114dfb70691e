package io.tokenledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void cpuPerEventIsEachPartsSecondsOverTheEventsInMicroseconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        // 40,000 events: 1.2 s of ingest = 30 µs each, 2.0 s of PostgreSQL = 50 µs, 0.4 s of Redis = 10 µs.
        seconds.put("ingest", 1.2);
        seconds.put("postgresql", 2.0);
        seconds.put("redis", 0.4);
        assertThat(BenchCommand.cpuPerEvent(seconds, 40_000))
                .isEqualTo("90 µs = ingest 30 + postgresql 50 + redis 10");
    }

    @Test
    void withoutProcItSaysSo() {
        assertThat(BenchCommand.cpuPerEvent(Map.of(), 40_000)).isEqualTo("not available (no /proc)");
    }
}

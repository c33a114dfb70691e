package io.tokenledger.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MooncakeReaderTest {

    @Test
    void countsLeadingBlocksSeenEarlierAsCachedInput() throws IOException {
        String jsonl = """
                {"timestamp": 0, "input_length": 1200, "output_length": 5, "hash_ids": [1, 2, 3]}
                {"timestamp": 1500, "input_length": 1100, "output_length": 6, "hash_ids": [1, 2, 4]}
                {"timestamp": 2000, "input_length": 300, "output_length": 7, "hash_ids": [1, 2]}
                {"timestamp": 2000, "input_length": 900, "output_length": 8, "hash_ids": [5, 1]}
                {"timestamp": 3000, "input_length": 1500, "output_length": 9, "hash_ids": [4, 5, 6]}
                """;

        List<TraceRow> rows = TraceFormat.MOONCAKE_JSONL.read(new StringReader(jsonl), 0);

        assertThat(rows).containsExactly(
                // nothing seen before: no cache. The prefix hash names the first block; it covers 512 tokens (or the
        // whole prompt when shorter, as in row 2).
                new TraceRow(0, Duration.ZERO, 1200, 0, 5, "mooncake-block:1", 512),
                // blocks 1, 2 seen in row 0, block 4 new: 2 x 512 = 1,024 cached; 1,100 - 1,024 = 76 uncached
                new TraceRow(1, Duration.ofMillis(1500), 76, 1024, 6, "mooncake-block:1", 512),
                // 2 x 512 = 1,024 cached, capped at the prompt of 300: all cached
                new TraceRow(2, Duration.ofMillis(2000), 0, 300, 7, "mooncake-block:1", 300),
                // block 5 is new, so the prefix breaks at once although block 1 was seen: 0 cached
                new TraceRow(3, Duration.ofMillis(2000), 900, 0, 8, "mooncake-block:5", 512),
                // 4 (row 1) and 5 (row 3) seen, 6 new: 1,024 cached; 1,500 - 1,024 = 476
                new TraceRow(4, Duration.ofMillis(3000), 476, 1024, 9, "mooncake-block:4", 512));
    }

    @Test
    void readsTheRealTrace() throws IOException {
        List<TraceRow> rows = TraceFormat.MOONCAKE_JSONL.read(
                Path.of("../data/traces/mooncake_conversation_trace.jsonl"), 0);

        assertThat(rows).hasSize(12031);
        // First row: input_length 6758, output 500, nothing cached yet.
        assertThat(rows.get(0)).isEqualTo(new TraceRow(0, Duration.ZERO, 6758, 0, 500, "mooncake-block:0", 512));
        // Second row: hash_ids [0, 14, ...]: block 0 seen in row 0 -> 512 cached of 7,322; 6,810 uncached.
        assertThat(rows.get(1)).isEqualTo(new TraceRow(1, Duration.ZERO, 6810, 512, 490, "mooncake-block:0", 512));
        // Computed independently (python, same rule): 54,098,411 cached and 90,695,412 uncached input tokens.
        assertThat(rows.stream().mapToLong(TraceRow::cachedInputTokens).sum()).isEqualTo(54_098_411L);
        assertThat(rows.stream().mapToLong(TraceRow::inputTokens).sum()).isEqualTo(90_695_412L);
    }

    @Test
    void limitsRowsButKeepsTheRule() throws IOException {
        List<TraceRow> rows = TraceFormat.MOONCAKE_JSONL.read(
                Path.of("../data/traces/mooncake_conversation_trace.jsonl"), 2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).cachedInputTokens()).isEqualTo(512);
    }
}

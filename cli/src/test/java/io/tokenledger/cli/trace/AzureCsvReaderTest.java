package io.tokenledger.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureCsvReaderTest {

    private static final String CSV = """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:17:03.9799600,4808,10
            2023-11-16 18:17:04.0319600,3180,8
            2023-11-16 18:18:04.0319600,110,27
            """;

    @Test
    void keepsTokenCountsOrderAndOffsets() throws IOException {
        List<TraceRow> rows = TraceFormat.AZURE_CSV.read(new StringReader(CSV), 0);

        assertThat(rows).containsExactly(
                new TraceRow(0, Duration.ZERO, 4808, 0, 10),
                // 04.0319600 - 03.9799600 = 0.052 s
                new TraceRow(1, Duration.ofMillis(52), 3180, 0, 8),
                // one minute later
                new TraceRow(2, Duration.ofMillis(60_052), 110, 0, 27));
    }

    @Test
    void limitsRows() throws IOException {
        assertThat(TraceFormat.AZURE_CSV.read(new StringReader(CSV), 2)).hasSize(2);
    }

    @Test
    void rejectsOtherFiles() {
        assertThatThrownBy(() -> TraceFormat.AZURE_CSV.read(new StringReader("a,b,c\n1,2,3\n"), 0))
                .isInstanceOf(IOException.class).hasMessageContaining("not an Azure trace");
        assertThatThrownBy(() -> TraceFormat.AZURE_CSV.read(new StringReader(
                "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,x,1\n"), 0))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }

    @Test
    void readsTheRealCodeTrace() throws IOException {
        List<TraceRow> rows = TraceFormat.AZURE_CSV.read(Path.of("../data/traces/AzureLLMInferenceTrace_code.csv"), 0);

        // SOURCES.md: 8,819 data rows, the first 2023-11-16 18:17:03.9799600,4808,10.
        assertThat(rows).hasSize(8819);
        assertThat(rows.get(0)).isEqualTo(new TraceRow(0, Duration.ZERO, 4808, 0, 10));
        assertThat(rows.get(8818).offset()).isLessThan(Duration.ofHours(1));
    }
}

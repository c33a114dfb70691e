package io.tokenledger.cli.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/** Reads Azure LLM inference traces: {@code TIMESTAMP,ContextTokens,GeneratedTokens}, no cached prefix. */
final class AzureCsvReader {

    // "2023-11-16 18:17:03.9799600": 7 fractional digits (100 ns), sometimes fewer.
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private AzureCsvReader() {
    }

    static List<TraceRow> read(BufferedReader in, int maxRows) throws IOException {
        String header = in.readLine();
        if (header == null || !header.trim().replace("\uFEFF", "").startsWith("TIMESTAMP,ContextTokens,GeneratedTokens")) {
            throw new IOException("not an Azure trace CSV (header " + header + ")");
        }
        List<TraceRow> rows = new ArrayList<>();
        LocalDateTime first = null;
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null && (maxRows <= 0 || rows.size() < maxRows)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split(",");
            if (cols.length < 3) {
                throw new IOException("line " + lineNo + ": expected 3 columns");
            }
            try {
                LocalDateTime time = LocalDateTime.parse(cols[0].trim(), TIMESTAMP);
                if (first == null) {
                    first = time;
                }
                Duration offset = Duration.between(first, time);
                if (offset.isNegative()) {
                    throw new IOException("line " + lineNo + ": timestamps must be ascending");
                }
                rows.add(new TraceRow(rows.size(), offset, Long.parseLong(cols[1].trim()), 0,
                        Long.parseLong(cols[2].trim())));
            } catch (RuntimeException e) {
                throw new IOException("line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}

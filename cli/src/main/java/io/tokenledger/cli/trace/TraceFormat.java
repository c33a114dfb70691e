package io.tokenledger.cli.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The trace file formats the scenario can name. */
public enum TraceFormat {
    /** Azure LLM inference trace CSV: TIMESTAMP,ContextTokens,GeneratedTokens. */
    AZURE_CSV,
    /** Mooncake JSONL: timestamp (ms), input_length, output_length, hash_ids. */
    MOONCAKE_JSONL;

    /** Reads at most {@code maxRows} rows (0 or negative = all). */
    public List<TraceRow> read(Path file, int maxRows) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, maxRows);
        }
    }

    public List<TraceRow> read(Reader in, int maxRows) throws IOException {
        BufferedReader buffered = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        return this == AZURE_CSV ? AzureCsvReader.read(buffered, maxRows) : MooncakeReader.read(buffered, maxRows);
    }
}

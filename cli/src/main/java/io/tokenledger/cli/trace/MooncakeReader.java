package io.tokenledger.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Mooncake conversation trace. Its {@code hash_ids} name 512-token prompt blocks; a request's cached
 * prefix is the run of LEADING blocks already seen in an earlier request (a provider's prompt cache only hits on a
 * prefix), times 512, capped at the prompt length. The first block's id is the request's prompt-prefix hash, covering
 * its first 512 tokens (or the whole prompt when shorter).
 */
final class MooncakeReader {

    static final long BLOCK_TOKENS = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MooncakeReader() {
    }

    static List<TraceRow> read(BufferedReader in, int maxRows) throws IOException {
        List<TraceRow> rows = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null && (maxRows <= 0 || rows.size() < maxRows)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            long timestampMs = required(node, "timestamp", lineNo);
            long inputLength = required(node, "input_length", lineNo);
            long outputLength = required(node, "output_length", lineNo);
            JsonNode hashes = node.path("hash_ids");
            List<Long> blocks = new ArrayList<>(hashes.size());
            hashes.forEach(h -> blocks.add(h.asLong()));
            long cached = Math.min(cachedPrefixBlocks(blocks, seen) * BLOCK_TOKENS, inputLength);
            seen.addAll(blocks);
            rows.add(new TraceRow(rows.size(), Duration.ofMillis(timestampMs), inputLength - cached, cached,
                    outputLength, prefixHash(blocks), blocks.isEmpty() ? 0 : Math.min(BLOCK_TOKENS, inputLength)));
        }
        return rows;
    }

    /**
     * The prompt-prefix hash a client would send: the trace's id of the first 512-token block (the trace's hash_ids are
     * already hashes of the block contents, so no prompt text is involved); empty without blocks.
     */
    static String prefixHash(List<Long> blocks) {
        return blocks.isEmpty() ? "" : "mooncake-block:" + blocks.get(0);
    }

    /** The number of leading blocks of {@code blocks} found in {@code seen}. */
    static int cachedPrefixBlocks(List<Long> blocks, Set<Long> seen) {
        int n = 0;
        while (n < blocks.size() && seen.contains(blocks.get(n))) {
            n++;
        }
        return n;
    }

    private static long required(JsonNode node, String field, int lineNo) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IOException("line " + lineNo + ": missing or negative " + field);
        }
        return value.asLong();
    }
}

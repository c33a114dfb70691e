package io.tokenledger.attribution.application;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Packs lines into chunks of about {@code chunkBytes} (whole lines only) and hands each full one to the sink. */
final class ExportChunker {

    private final ExportSink sink;
    private final int chunkBytes;
    private final ByteArrayOutputStream buffer;
    private int rows;
    private boolean open = true;

    ExportChunker(ExportSink sink, int chunkBytes) {
        this.sink = sink;
        this.chunkBytes = chunkBytes;
        this.buffer = new ByteArrayOutputStream(chunkBytes + 1024);
    }

    /** Adds a line; false once the sink is gone (the caller stops reading). */
    boolean add(String line, boolean dataRow) {
        buffer.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        if (dataRow) {
            rows++;
        }
        if (buffer.size() >= chunkBytes) {
            flush();
        }
        return open;
    }

    /** Sends what is buffered, if anything. */
    void flush() {
        if (open && buffer.size() > 0) {
            open = sink.accept(buffer.toByteArray(), rows);
        }
        buffer.reset();
        rows = 0;
    }
}

package io.tokenledger.attribution.application;

/** Receives an export's chunks in order. */
public interface ExportSink {

    /** Takes the next chunk (whole lines, {@code rows} of them data rows); false when the receiver is gone. */
    boolean accept(byte[] data, int rows);
}

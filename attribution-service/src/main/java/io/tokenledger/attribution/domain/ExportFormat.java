package io.tokenledger.attribution.domain;

/** The file format of a cost export (columns in attribution-service/EXPORTS.md). */
public enum ExportFormat {
    /** TokenLedger's own columns. */
    CSV,
    /** FinOps FOCUS 1.2 cost and usage columns plus x_ columns, then the FOCUS 1.3 columns. */
    FOCUS
}

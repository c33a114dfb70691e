package io.tokenledger.attribution.domain;

/**
 * What a RecordCosts record does to an earlier event's ledger entry: nothing ({@link Kind#NONE}, an ordinary usage
 * record), or AMEND, VOID or RERATE the target. {@link Kind#UNKNOWN} is an enum value this version does not know.
 */
public record Correction(Kind kind, String targetEventId) {

    public enum Kind { NONE, AMEND, VOID, RERATE, UNKNOWN }

    public static final Correction NONE = new Correction(Kind.NONE, "");

    public boolean isCorrection() {
        return kind != Kind.NONE || !targetEventId.isEmpty();
    }
}

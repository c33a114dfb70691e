package io.tokenledger.ingest.domain;

/**
 * What an event does to an earlier event of its tenant: nothing ({@link Kind#NONE}, an ordinary usage event), or
 * AMEND or VOID the target, or RERATE it (made only by a re-rating run, never accepted from a client). {@link Kind#UNKNOWN}
 * is an enum value this version does not know (rejected).
 */
public record Correction(Kind kind, String targetEventId) {

    public enum Kind { NONE, AMEND, VOID, UNKNOWN, RERATE }

    public static final Correction NONE = new Correction(Kind.NONE, "");

    /** True when the event names a target or a kind: it is then validated and completed as a correction. */
    public boolean isCorrection() {
        return kind != Kind.NONE || !targetEventId.isEmpty();
    }
}

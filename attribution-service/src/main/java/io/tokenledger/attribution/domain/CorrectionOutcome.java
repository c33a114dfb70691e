package io.tokenledger.attribution.domain;

import java.util.Optional;

/**
 * What recording did with one correction: RECORDED or DUPLICATE (then {@code reversed} is present and
 * {@code dimensions} are those of the correction's new entry, or of the reversed one for a VOID), or
 * TARGET_NOT_FOUND (nothing written; {@code dimensions} are those the record would have had).
 */
public record CorrectionOutcome(String eventId, Status status, Dimensions dimensions,
                                Optional<ReversedEntry> reversed) {

    public enum Status { RECORDED, DUPLICATE, TARGET_NOT_FOUND }
}

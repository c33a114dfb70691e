package io.tokenledger.attribution.domain;

/** What recording did with one entry; for a duplicate, the dimensions stored first. */
public record RecordOutcome(String eventId, Status status, Dimensions dimensions) {

    public enum Status { RECORDED, DUPLICATE }
}

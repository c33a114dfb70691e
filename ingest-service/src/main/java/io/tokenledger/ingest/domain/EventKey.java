package io.tokenledger.ingest.domain;

/** Identifies an event: event ids are unique per tenant, not globally. */
public record EventKey(String tenantId, String eventId) {
}

package io.tokenledger.attribution.domain;

/** The idempotency key of the ledger: at most one row per tenant and event id. */
public record LedgerKey(String tenantId, String eventId) {
}

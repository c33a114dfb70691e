package io.tokenledger.ingest.domain;

/** What happened to one event of a batch. */
public enum EventStatus {
    /** Priced, recorded in the ledger and charged to budgets. */
    RECORDED,
    /** Accepted earlier under the same (tenant, event id); nothing changed. */
    DUPLICATE,
    /** Durably accepted; the drainer completes it later. */
    QUEUED
}

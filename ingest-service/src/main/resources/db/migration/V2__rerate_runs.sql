-- One audit row per re-rating run (RerateUsage; a dry run writes none). The per-entry audit, old and new cost and
-- price version of every re-rated event, is the ledger's REVERSAL + RERATE pair written under the correction id
-- "<event id>§rerate§<run_id>" (attribution's cost_ledger, corrects_event_id = the event).
CREATE TABLE ingest.rerate_run (
    run_id          TEXT        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    period_start    TIMESTAMPTZ NOT NULL,
    period_end      TIMESTAMPTZ NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    events_examined BIGINT      NOT NULL DEFAULT 0,
    events_changed  BIGINT      NOT NULL DEFAULT 0,
    old_total_nanos BIGINT      NOT NULL DEFAULT 0,
    new_total_nanos BIGINT      NOT NULL DEFAULT 0,
    unpriced_before BIGINT      NOT NULL DEFAULT 0,
    unpriced_after  BIGINT      NOT NULL DEFAULT 0,
    error           TEXT
);

CREATE INDEX rerate_run_tenant ON ingest.rerate_run (tenant_id, requested_at);

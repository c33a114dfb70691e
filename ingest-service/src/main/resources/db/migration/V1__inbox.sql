-- The durable inbox: one row per accepted (tenant, event id). A row is PENDING until pricing, the ledger
-- and budgets all have it, then DONE with its outcome. next_attempt_at is a lease: the drainer only takes
-- rows whose time has come, so it never races the request thread or another drainer.
CREATE TABLE ingest.inbox (
    tenant_id       TEXT        NOT NULL,
    event_id        TEXT        NOT NULL,
    payload         BYTEA       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE')),
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    pricing_status  TEXT        CHECK (pricing_status IN ('PRICED', 'UNPRICED')),
    unpriced_reason TEXT,
    cost_nanos      BIGINT,
    done_at         TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, event_id)
);

-- The drainer's scan: due PENDING rows, oldest first.
CREATE INDEX inbox_pending_due ON ingest.inbox (next_attempt_at, received_at) WHERE status = 'PENDING';

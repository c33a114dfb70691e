-- Budgets, their threshold events and the webhook outbox. Money is BIGINT nano-USD.
-- seq columns give a stable creation order for pagination (ids are random).

CREATE TABLE budget.budgets (
    seq          BIGSERIAL   NOT NULL UNIQUE,
    id           TEXT        PRIMARY KEY,
    tenant       TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    scope        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    period       TEXT        NOT NULL CHECK (period IN ('DAY', 'MONTH')),
    time_zone    TEXT        NOT NULL,
    limit_nanos  BIGINT      NOT NULL CHECK (limit_nanos > 0),
    thresholds   INT[]       NOT NULL,
    request_id   TEXT,
    etag         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    -- CreateBudget is idempotent per (tenant, request_id); NULL request ids never collide.
    CONSTRAINT budgets_tenant_request_id UNIQUE (tenant, request_id)
);
CREATE INDEX budgets_tenant_seq ON budget.budgets (tenant, seq);

CREATE TABLE budget.budget_events (
    seq          BIGSERIAL   NOT NULL UNIQUE,
    id           TEXT        PRIMARY KEY,
    budget_id    TEXT        NOT NULL REFERENCES budget.budgets (id),
    tenant       TEXT        NOT NULL,
    threshold    INT         NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    window_end   TIMESTAMPTZ NOT NULL,
    limit_nanos  BIGINT      NOT NULL,
    spent_nanos  BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    -- Each crossing is written once, however many charges or retries race over it.
    CONSTRAINT budget_events_once UNIQUE (budget_id, window_start, threshold)
);
CREATE INDEX budget_events_tenant_seq ON budget.budget_events (tenant, seq);

CREATE TABLE budget.webhook_endpoints (
    seq              BIGSERIAL   NOT NULL UNIQUE,
    id               TEXT        PRIMARY KEY,
    tenant           TEXT        NOT NULL,
    url              TEXT        NOT NULL,
    description      TEXT        NOT NULL DEFAULT '',
    -- AES-256-GCM: 12-byte nonce followed by ciphertext and tag.
    secret_encrypted BYTEA       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_endpoints_tenant_seq ON budget.webhook_endpoints (tenant, seq);

-- The outbox: one row per (event, endpoint), worked off by the webhook worker.
CREATE TABLE budget.webhook_deliveries (
    id              BIGSERIAL   PRIMARY KEY,
    budget_event_id TEXT        NOT NULL REFERENCES budget.budget_events (id),
    endpoint_id     TEXT        NOT NULL REFERENCES budget.webhook_endpoints (id),
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ,
    CONSTRAINT webhook_deliveries_once UNIQUE (budget_event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON budget.webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';

CREATE TABLE budget.webhook_attempts (
    id           BIGSERIAL   PRIMARY KEY,
    delivery_id  BIGINT      NOT NULL REFERENCES budget.webhook_deliveries (id),
    attempted_at TIMESTAMPTZ NOT NULL,
    http_status  INT,
    error        TEXT
);
CREATE INDEX webhook_attempts_delivery ON budget.webhook_attempts (delivery_id);

-- CheckBudget reservations, written behind (batched) so RebuildCounters can restore the open ones after a Redis
-- loss. A row may be written by its settle first (another replica settled it before this one flushed the
-- reservation): then record and expires_at are NULL until the reservation itself arrives, and it is never open.
CREATE TABLE budget.reservations (
    id         TEXT        PRIMARY KEY,
    tenant     TEXT        NOT NULL,
    -- The Redis record "<id>|<window base key>|<amount>|...": what restore.lua puts back.
    record     TEXT,
    created_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ,
    settled_at TIMESTAMPTZ
);
CREATE INDEX reservations_open ON budget.reservations (tenant, expires_at) WHERE settled_at IS NULL;
CREATE INDEX reservations_expiry ON budget.reservations (expires_at);

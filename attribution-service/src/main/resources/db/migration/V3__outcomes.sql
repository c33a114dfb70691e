-- Business outcomes (e.g. a resolved ticket) and the traces that produced them. Idempotent by (tenant, outcome id):
-- a re-sent outcome changes nothing, links included. The links join the ledger by (tenant_id, trace_id) at query
-- time, so an outcome arriving hours after its calls still counts.
CREATE TABLE attribution.outcome (
    tenant_id    TEXT        NOT NULL,
    outcome_id   TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    dimensions   JSONB       NOT NULL DEFAULT '{}'::jsonb,
    -- NULL when the outcome's value is unknown.
    value_nanos  BIGINT,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, outcome_id)
);

CREATE TABLE attribution.outcome_trace (
    tenant_id    TEXT NOT NULL,
    outcome_id   TEXT NOT NULL,
    trace_id     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, outcome_id, trace_id),
    FOREIGN KEY (tenant_id, outcome_id) REFERENCES attribution.outcome (tenant_id, outcome_id)
);

CREATE INDEX outcome_trace_trace_idx ON attribution.outcome_trace (tenant_id, trace_id);
-- Unit economics joins a period's calls with outcomes by trace.
CREATE INDEX cost_ledger_tenant_trace_idx ON attribution.cost_ledger (tenant_id, trace_id) WHERE trace_id <> '';

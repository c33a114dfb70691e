-- Shared cost items of a tenant, allocated next to direct cost by GetAllocatedCost.
--   FIXED_MONTHLY:   amount_nanos for the UTC month starting at month_start.
--   FINE_TUNING_JOB: the cost of the ledger rows with training tokens named by event_ids or by the label
--                    fine_tune_job = fine_tune_job.
CREATE TABLE attribution.shared_cost_item (
    tenant_id         TEXT        NOT NULL,
    item_id           TEXT        NOT NULL,
    name              TEXT        NOT NULL DEFAULT '',
    kind              TEXT        NOT NULL CHECK (kind IN ('FIXED_MONTHLY', 'FINE_TUNING_JOB')),
    amount_nanos      BIGINT      NOT NULL DEFAULT 0 CHECK (amount_nanos >= 0),
    month_start       DATE,
    event_ids         TEXT[]      NOT NULL DEFAULT '{}',
    fine_tune_job     TEXT        NOT NULL DEFAULT '',
    basis             TEXT        NOT NULL CHECK (basis IN ('USAGE_SHARE', 'FIXED_WEIGHTS')),
    target_dimension  TEXT        NOT NULL DEFAULT '',
    weight_keys       TEXT[]      NOT NULL DEFAULT '{}',
    weight_values     BIGINT[]    NOT NULL DEFAULT '{}',
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, item_id)
);


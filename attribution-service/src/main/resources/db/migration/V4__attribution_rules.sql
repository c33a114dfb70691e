-- Versioned attribution rules. A put stores a new immutable version (1, 2, ...) of a tenant's whole rule set;
-- RecordCosts applies the latest one. Versions are never updated or deleted.
CREATE TABLE attribution.rule_set_version (
    tenant_id    TEXT        NOT NULL,
    version      BIGINT      NOT NULL CHECK (version > 0),
    rule_count   INTEGER     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, version)
);

-- One rule of a version. assign_keys[i] gets assign_values[i].
CREATE TABLE attribution.rule (
    tenant_id      TEXT    NOT NULL,
    version        BIGINT  NOT NULL,
    rule_id        TEXT    NOT NULL,
    priority       INTEGER NOT NULL,
    override       BOOLEAN NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    assign_keys    TEXT[]  NOT NULL,
    assign_values  TEXT[]  NOT NULL,
    PRIMARY KEY (tenant_id, version, rule_id),
    -- Precedence is explicit: no two rules of a version share a priority.
    UNIQUE (tenant_id, version, priority),
    FOREIGN KEY (tenant_id, version) REFERENCES attribution.rule_set_version (tenant_id, version)
);

-- The conditions of a rule, in their order.
CREATE TABLE attribution.rule_condition (
    tenant_id   TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    rule_id     TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    subject     TEXT    NOT NULL,
    label_key   TEXT    NOT NULL DEFAULT '',
    operator    TEXT    NOT NULL,
    vals        TEXT[]  NOT NULL,
    PRIMARY KEY (tenant_id, version, rule_id, position),
    FOREIGN KEY (tenant_id, version, rule_id) REFERENCES attribution.rule (tenant_id, version, rule_id)
);

-- The raw labels of a ledger row, kept so a dry run can re-attribute it under other rules. NULL when the row's
-- tags plus its well-known dimensions that are not 'unattributed' give the labels back exactly (every row written
-- before rules existed, and every row no rule changed): no backfill, and no extra bytes in the common case.
ALTER TABLE attribution.cost_ledger ADD COLUMN labels JSONB;

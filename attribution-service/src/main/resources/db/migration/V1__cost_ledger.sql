-- The cost ledger: one priced, attributed row per (tenant, usage event). Append-only.
--
-- Not partitioned yet: a partitioned table's unique keys must include the partition key, so monthly
-- partitions by occurred_at would need the idempotency key to become (tenant_id, event_id, occurred_at),
-- which no longer rejects a re-sent event with a different time. That change is a later issue.
CREATE TABLE attribution.cost_ledger (
    tenant_id              TEXT        NOT NULL,
    event_id               TEXT        NOT NULL,
    occurred_at            TIMESTAMPTZ NOT NULL,
    provider               TEXT        NOT NULL,
    model                  TEXT        NOT NULL,
    team                   TEXT        NOT NULL,
    feature                TEXT        NOT NULL,
    customer               TEXT        NOT NULL,
    user_id                TEXT        NOT NULL,
    environment            TEXT        NOT NULL,
    tags                   JSONB       NOT NULL DEFAULT '{}'::jsonb,
    trace_id               TEXT        NOT NULL DEFAULT '',
    pricing_status         TEXT        NOT NULL CHECK (pricing_status IN ('PRICED', 'UNPRICED')),
    unpriced_reason        TEXT        NOT NULL DEFAULT '',
    price_id               TEXT        NOT NULL DEFAULT '',
    cost_nanos             BIGINT      NOT NULL CHECK (cost_nanos >= 0),
    -- Token usage by canonical class (common.v1.TokenUsage).
    input_tokens           BIGINT      NOT NULL DEFAULT 0,
    cached_input_tokens    BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_tokens  BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_tokens  BIGINT      NOT NULL DEFAULT 0,
    output_tokens          BIGINT      NOT NULL DEFAULT 0,
    reasoning_tokens       BIGINT      NOT NULL DEFAULT 0,
    input_audio_tokens     BIGINT      NOT NULL DEFAULT 0,
    output_audio_tokens    BIGINT      NOT NULL DEFAULT 0,
    input_image_tokens     BIGINT      NOT NULL DEFAULT 0,
    output_image_tokens    BIGINT      NOT NULL DEFAULT 0,
    embedding_tokens       BIGINT      NOT NULL DEFAULT 0,
    training_tokens        BIGINT      NOT NULL DEFAULT 0,
    training_epochs        BIGINT      NOT NULL DEFAULT 0,
    requests               BIGINT      NOT NULL DEFAULT 0,
    web_search_queries     BIGINT      NOT NULL DEFAULT 0,
    -- Cost by class in nano-USD (common.v1.CostBreakdown); the parts add up to cost_nanos.
    input_nanos            BIGINT      NOT NULL DEFAULT 0,
    cached_input_nanos     BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_nanos   BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_nanos   BIGINT      NOT NULL DEFAULT 0,
    output_nanos           BIGINT      NOT NULL DEFAULT 0,
    reasoning_nanos        BIGINT      NOT NULL DEFAULT 0,
    input_audio_nanos      BIGINT      NOT NULL DEFAULT 0,
    output_audio_nanos     BIGINT      NOT NULL DEFAULT 0,
    input_image_nanos      BIGINT      NOT NULL DEFAULT 0,
    output_image_nanos     BIGINT      NOT NULL DEFAULT 0,
    embedding_nanos        BIGINT      NOT NULL DEFAULT 0,
    training_nanos         BIGINT      NOT NULL DEFAULT 0,
    request_nanos          BIGINT      NOT NULL DEFAULT 0,
    web_search_nanos       BIGINT      NOT NULL DEFAULT 0,
    recorded_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The idempotency key: an event is in the ledger at most once per tenant.
    PRIMARY KEY (tenant_id, event_id)
);

-- Every query is one tenant over a time range.
CREATE INDEX cost_ledger_tenant_time_idx ON attribution.cost_ledger (tenant_id, occurred_at);

-- The provider's or gateway's reported cost of an event (e.g. OpenRouter's usage.cost) in nano-USD, kept beside
-- cost_nanos for reconciliation only (NULL = none reported; ingest rounds the reported USD once, half-even), and the
-- service tier the event was priced on, so that a re-rating prices it on the same tier. Rows written before this
-- migration, and correction entries, have no reported cost and the STANDARD tier.
ALTER TABLE attribution.cost_ledger
    ADD COLUMN reported_cost_nanos BIGINT CHECK (reported_cost_nanos >= 0),
    ADD COLUMN service_tier        TEXT   NOT NULL DEFAULT 'STANDARD'
        CHECK (service_tier IN ('STANDARD', 'BATCH', 'PRIORITY', 'FLEX'));

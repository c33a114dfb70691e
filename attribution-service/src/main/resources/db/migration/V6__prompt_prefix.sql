-- The client's opaque hash of a prompt's leading part (never prompt text) and the prompt tokens it covers, for
-- GetInsights' CACHEABLE_PREFIX: repeated prefixes sent without a cache read or write.
ALTER TABLE attribution.cost_ledger
    ADD COLUMN prompt_prefix_hash   TEXT   NOT NULL DEFAULT '',
    ADD COLUMN prompt_prefix_tokens BIGINT NOT NULL DEFAULT 0 CHECK (prompt_prefix_tokens >= 0);

-- The insight groups a tenant's period by prefix: only rows that carry one are indexed, so the index stays small
-- for tenants that never send a hash.
CREATE INDEX cost_ledger_prefix_idx ON attribution.cost_ledger (tenant_id, prompt_prefix_hash, occurred_at)
    WHERE prompt_prefix_hash <> '';

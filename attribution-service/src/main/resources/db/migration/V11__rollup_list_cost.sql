-- The hourly rollups also sum the list cost (V10), so that the FOCUS export's ListCost is read from cost_hourly like
-- every other amount. The rule: a ledger row without a list cost (written before V10, or the REVERSAL of such a row,
-- whose negated NULL stays NULL) counts its cost as its list cost, so each rollup holds
-- SUM(COALESCE(list_cost_nanos, cost_nanos)) of its rows, and a voided pre-V10 event nets to 0 here too.
-- RecordCosts and corrections add it in the same statement as the other sums (RollupSql). Code from before this
-- migration would add rows without it: run every replica on this version before it writes again.
ALTER TABLE attribution.cost_hourly ADD COLUMN list_cost_nanos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE attribution.cost_hourly_feature ADD COLUMN list_cost_nanos BIGINT NOT NULL DEFAULT 0;

-- Rows already rolled up: their cost, plus list - cost of the ledger rows whose own list cost differs from their
-- cost (rows written since V10, e.g. under a tenant price).
UPDATE attribution.cost_hourly SET list_cost_nanos = cost_nanos;
UPDATE attribution.cost_hourly h SET list_cost_nanos = h.list_cost_nanos + d.difference
FROM (SELECT tenant_id, date_trunc('hour', occurred_at, 'UTC') AS hour_utc, provider, model, team, feature, customer,
             user_id, environment, pricing_status, SUM(list_cost_nanos - cost_nanos) AS difference
      FROM attribution.cost_ledger WHERE list_cost_nanos <> cost_nanos
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) d
WHERE h.tenant_id = d.tenant_id AND h.hour_utc = d.hour_utc AND h.provider = d.provider AND h.model = d.model
  AND h.team = d.team AND h.feature = d.feature AND h.customer = d.customer AND h.user_id = d.user_id
  AND h.environment = d.environment AND h.pricing_status = d.pricing_status;

UPDATE attribution.cost_hourly_feature SET list_cost_nanos = cost_nanos;
UPDATE attribution.cost_hourly_feature h SET list_cost_nanos = h.list_cost_nanos + d.difference
FROM (SELECT tenant_id, date_trunc('hour', occurred_at, 'UTC') AS hour_utc, provider, model, team, feature,
             environment, pricing_status, SUM(list_cost_nanos - cost_nanos) AS difference
      FROM attribution.cost_ledger WHERE list_cost_nanos <> cost_nanos
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) d
WHERE h.tenant_id = d.tenant_id AND h.hour_utc = d.hour_utc AND h.provider = d.provider AND h.model = d.model
  AND h.team = d.team AND h.feature = d.feature AND h.environment = d.environment
  AND h.pricing_status = d.pricing_status;

-- The cost of an event at the public list price in nano-USD (pricing's list cost), kept beside cost_nanos (the
-- effective cost, which a tenant price may lower): equal to it unless a tenant price applied, 0 when UNPRICED.
-- NULL for rows written before this migration (unknown). A REVERSAL negates it like the cost; AMEND and RERATE
-- entries carry the new value.
ALTER TABLE attribution.cost_ledger ADD COLUMN list_cost_nanos BIGINT;

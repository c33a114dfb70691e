-- Token budgets, ROLLING windows, DENY threshold actions, and soft delete (events of a deleted budget stay).
ALTER TABLE budget.budgets DROP CONSTRAINT budgets_period_check;
ALTER TABLE budget.budgets ADD CONSTRAINT budgets_period_check
    CHECK (period IN ('HOUR', 'DAY', 'WEEK', 'MONTH', 'TOTAL', 'ROLLING'));
ALTER TABLE budget.budgets ADD COLUMN limit_tokens BIGINT NOT NULL DEFAULT 0 CHECK (limit_tokens >= 0);
-- A budget has exactly one limit: nano-USD or tokens.
ALTER TABLE budget.budgets DROP CONSTRAINT budgets_limit_nanos_check;
ALTER TABLE budget.budgets ADD CONSTRAINT budgets_one_limit CHECK ((limit_nanos > 0) <> (limit_tokens > 0) AND limit_nanos >= 0);
-- The length of a ROLLING window in seconds; 0 for calendar windows.
ALTER TABLE budget.budgets ADD COLUMN rolling_seconds BIGINT NOT NULL DEFAULT 0 CHECK (rolling_seconds >= 0);
-- The thresholds (a subset of thresholds) whose action is DENY.
ALTER TABLE budget.budgets ADD COLUMN deny_thresholds INT[] NOT NULL DEFAULT '{}';
ALTER TABLE budget.budgets ADD COLUMN deleted_at TIMESTAMPTZ;

-- CUSTOM periods: windows of calendar_length days or months repeating from calendar_anchor (a local date in the
-- budget's zone that starts one window), e.g. fiscal months from the 15th. NULL / 0 for every other period.
ALTER TABLE budget.budgets DROP CONSTRAINT budgets_period_check;
ALTER TABLE budget.budgets ADD CONSTRAINT budgets_period_check
    CHECK (period IN ('HOUR', 'DAY', 'WEEK', 'MONTH', 'TOTAL', 'ROLLING', 'CUSTOM'));
ALTER TABLE budget.budgets ADD COLUMN calendar_anchor DATE;
ALTER TABLE budget.budgets ADD COLUMN calendar_length INT NOT NULL DEFAULT 0 CHECK (calendar_length >= 0);
ALTER TABLE budget.budgets ADD COLUMN calendar_unit TEXT CHECK (calendar_unit IN ('DAYS', 'MONTHS'));
ALTER TABLE budget.budgets ADD CONSTRAINT budgets_custom_calendar
    CHECK ((period = 'CUSTOM') = (calendar_anchor IS NOT NULL AND calendar_length > 0 AND calendar_unit IS NOT NULL));

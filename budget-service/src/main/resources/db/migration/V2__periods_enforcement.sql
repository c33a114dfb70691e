-- More periods (HOUR, WEEK, TOTAL), the week start day of WEEK budgets, and SHADOW enforcement.
ALTER TABLE budget.budgets DROP CONSTRAINT budgets_period_check;
ALTER TABLE budget.budgets ADD CONSTRAINT budgets_period_check
    CHECK (period IN ('HOUR', 'DAY', 'WEEK', 'MONTH', 'TOTAL'));
ALTER TABLE budget.budgets ADD COLUMN enforcement TEXT NOT NULL DEFAULT 'ENFORCE'
    CHECK (enforcement IN ('ENFORCE', 'SHADOW'));
-- ISO day of week, 1 = Monday .. 7 = Sunday.
ALTER TABLE budget.budgets ADD COLUMN week_start_day INT NOT NULL DEFAULT 1 CHECK (week_start_day BETWEEN 1 AND 7);

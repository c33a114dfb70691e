-- Corrections (amend, void) and re-rating, with the ledger kept append-only: a correction never edits a row, it
-- appends a REVERSAL entry (the negative of the target's entry in force: every amount, every token count and the
-- event count, under that entry's dimensions and time) and, for AMEND or RERATE, the new entry.
--   entry_kind         USAGE (an ordinary event), REVERSAL, AMEND or RERATE
--   corrects_event_id  the target event of a correction entry ('' for USAGE)
--   event_count        what the entry adds to event counts: USAGE/AMEND/RERATE 1, REVERSAL -1 (0 when the target
--                      was already voided), so that SUM(event_count) counts the events in force
--   entry_seq          the order of a target's correction entries (USAGE rows have none and come first); the entry
--                      in force is the newest one of the chain, unless that one is a REVERSAL (voided)
ALTER TABLE attribution.cost_ledger
    ADD COLUMN entry_kind        TEXT   NOT NULL DEFAULT 'USAGE'
        CHECK (entry_kind IN ('USAGE', 'REVERSAL', 'AMEND', 'RERATE')),
    ADD COLUMN corrects_event_id TEXT   NOT NULL DEFAULT '',
    ADD COLUMN event_count       BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN entry_seq         BIGINT;

ALTER TABLE attribution.cost_ledger
    ADD CONSTRAINT cost_ledger_event_count_check CHECK (
        (entry_kind = 'REVERSAL' AND event_count IN (-1, 0)) OR (entry_kind <> 'REVERSAL' AND event_count = 1)),
    ADD CONSTRAINT cost_ledger_correction_target_check CHECK ((entry_kind = 'USAGE') = (corrects_event_id = ''));

-- Only a REVERSAL may hold a negative cost.
ALTER TABLE attribution.cost_ledger DROP CONSTRAINT cost_ledger_cost_nanos_check;
ALTER TABLE attribution.cost_ledger
    ADD CONSTRAINT cost_ledger_cost_nanos_check CHECK (cost_nanos >= 0 OR entry_kind = 'REVERSAL');

-- The idempotency key: an ordinary event is in the ledger once per tenant (kind USAGE); a correction's entries
-- carry the correction's own event id, at most one per kind.
ALTER TABLE attribution.cost_ledger DROP CONSTRAINT cost_ledger_pkey;
ALTER TABLE attribution.cost_ledger ADD PRIMARY KEY (tenant_id, event_id, entry_kind);

CREATE SEQUENCE attribution.cost_ledger_entry_seq;

-- A target's chain of corrections.
CREATE INDEX cost_ledger_corrects_idx ON attribution.cost_ledger (tenant_id, corrects_event_id)
    WHERE corrects_event_id <> '';

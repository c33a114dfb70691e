-- A DONE batch's payloads are read by nothing: only the drainer's claim reads them, and it claims PENDING batches.
-- After a retention (tokenledger.ingest.inbox.payload-retention) InboxCompaction sets them to NULL, so the inbox
-- does not keep every event's body for ever. The keys and the outcomes stay: they keep a resent event from counting
-- twice and answer it with its outcome.
ALTER TABLE ingest.inbox_batch ALTER COLUMN payloads DROP NOT NULL;
ALTER TABLE ingest.inbox_batch DROP CONSTRAINT inbox_batch_check;
ALTER TABLE ingest.inbox_batch ADD CONSTRAINT inbox_batch_arrays CHECK (
    cardinality(tenant_ids) = cardinality(event_ids)
    AND (payloads IS NULL OR cardinality(event_ids) = cardinality(payloads)));
-- An event that may still be run needs its payload.
ALTER TABLE ingest.inbox_batch ADD CONSTRAINT inbox_batch_payloads_until_done CHECK (payloads IS NOT NULL OR status = 'DONE');

-- The compaction's scan: DONE batches that still hold payloads, oldest first.
CREATE INDEX inbox_batch_compactable ON ingest.inbox_batch (done_at) WHERE status = 'DONE' AND payloads IS NOT NULL;

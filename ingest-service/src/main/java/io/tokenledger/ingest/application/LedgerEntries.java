package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.LedgerEntryPage;
import java.time.Instant;

/** Port: attribution's ledger entries in force (ListLedgerEntries); throws {@link DownstreamFailure} on failure. */
public interface LedgerEntries {

    LedgerEntryPage page(String tenantId, Instant start, Instant end, int pageSize, String pageToken);
}

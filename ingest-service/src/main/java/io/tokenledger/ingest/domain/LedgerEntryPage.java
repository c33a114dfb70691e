package io.tokenledger.ingest.domain;

import java.util.List;

/** One page of entries in force; {@code nextPageToken} is empty on the last page. */
public record LedgerEntryPage(List<LedgerEntry> entries, String nextPageToken) {

    public LedgerEntryPage {
        entries = List.copyOf(entries);
    }
}

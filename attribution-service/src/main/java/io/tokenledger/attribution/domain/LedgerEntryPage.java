package io.tokenledger.attribution.domain;

import java.util.List;

/** One page of entries in force; {@code nextPageToken} is empty on the last page. */
public record LedgerEntryPage(List<InForceEntry> entries, String nextPageToken) {

    public LedgerEntryPage {
        entries = List.copyOf(entries);
    }
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.InForceEntry;
import java.time.Instant;
import java.util.List;

/** Port: the ledger entries in force of a tenant over a period, by event id (keyset pages). */
public interface InForceEntries {

    /** At most {@code limit} entries whose event id is greater than {@code afterEventId} ("" = from the start). */
    List<InForceEntry> page(String tenantId, Instant start, Instant end, String afterEventId, int limit);
}

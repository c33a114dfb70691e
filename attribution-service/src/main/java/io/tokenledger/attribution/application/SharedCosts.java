package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.SharedCostItem;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Where shared cost items live, and the ledger sums their allocation needs. */
public interface SharedCosts {

    /** Creates or replaces the item (by tenant and item id). */
    void put(SharedCostItem item);

    /** The tenant's items, by item id. */
    List<SharedCostItem> list(String tenantId);

    /** Deletes the item; false when there was none. */
    boolean delete(String tenantId, String itemId);

    /**
     * The fine-tuning job's ledger entries in [start, end) with training tokens (its corrections included): cost by
     * entry key ({@code <entry_kind>:<event_id>}, unique in the ledger).
     */
    Map<String, Long> fineTuneRows(SharedCostItem job, Instant start, Instant end);

    /** Ledger cost in [start, end) by value of the dimension, leaving out the given entry keys. */
    Map<String, Long> directCost(String tenantId, Dimension dimension, Instant start, Instant end,
                                 Collection<String> excludedEventIds);
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Period;
import io.tokenledger.attribution.domain.StoredUsage;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the ledger rows the savings analyses price. */
public interface StoredUsageSource {

    /**
     * Streams a tenant's rows of a period (PRICED and UNPRICED), oldest first (ties by event id), without holding
     * them all in memory. Only entries in force: a voided event is left out, a corrected one is read as corrected.
     *
     * @param filters ledger column -> value, every one must match
     */
    void scan(String tenantId, Period period, Map<String, String> filters, Consumer<StoredUsage> row);

    /** Per feature, the median prompt tokens of its PRICED calls (entries in force) in the period (lower middle). */
    Map<String, Long> medianPromptTokens(String tenantId, Period period);
}

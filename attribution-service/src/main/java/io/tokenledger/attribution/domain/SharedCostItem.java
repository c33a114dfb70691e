package io.tokenledger.attribution.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cost shared by several dimension values. FIXED_MONTHLY: {@code amountNanos} for one UTC {@code month}
 * ("YYYY-MM").
 * FINE_TUNING_JOB: the cost of its ledger rows with training tokens, found by {@code eventIds} or by the label
 * {@value #FINE_TUNE_JOB_LABEL} = {@code fineTuneJob}. Split by USAGE_SHARE or FIXED_WEIGHTS over
 * {@code targetDimension}'s values. Strings are never null (empty when unset).
 */
public record SharedCostItem(String tenantId, String itemId, String name, Kind kind, long amountNanos,
                             String month, List<String> eventIds, String fineTuneJob, Basis basis,
                             String targetDimension, Map<String, Long> weights) {

    /** The label that names a fine-tuning job on its ledger rows. */
    public static final String FINE_TUNE_JOB_LABEL = "fine_tune_job";

    public enum Kind { UNSPECIFIED, FIXED_MONTHLY, FINE_TUNING_JOB }

    public enum Basis { UNSPECIFIED, USAGE_SHARE, FIXED_WEIGHTS }

    public SharedCostItem {
        eventIds = List.copyOf(eventIds);
        weights = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(weights));
    }

    /** The first instant of the item's month (FIXED_MONTHLY). */
    public Instant monthStart() {
        return YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant after the item's month (FIXED_MONTHLY). */
    public Instant monthEnd() {
        return YearMonth.parse(month).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}

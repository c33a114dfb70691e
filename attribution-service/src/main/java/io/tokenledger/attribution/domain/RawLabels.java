package io.tokenledger.attribution.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which raw labels the ledger keeps, so that a dry run can re-attribute a stored row under other rules.
 * Without rules the labels are recoverable from the row itself: its tags plus every well-known dimension that is
 * not {@code unattributed}. The ledger's {@code labels} column is therefore NULL when that reconstruction equals the
 * event's labels (every row written before rules existed, and every row no rule changed) and holds the raw labels
 * otherwise; the dry run's SQL reconstructs with the same rule.
 */
public final class RawLabels {

    private RawLabels() {
    }

    /** The labels a row with these dimensions stands for when its {@code labels} column is NULL. */
    public static Map<String, String> reconstruct(Dimensions dimensions) {
        Map<String, String> labels = new HashMap<>(dimensions.tags());
        put(labels, "team", dimensions.team());
        put(labels, "feature", dimensions.feature());
        put(labels, "customer", dimensions.customer());
        put(labels, "user", dimensions.user());
        put(labels, "environment", dimensions.environment());
        return labels;
    }

    /** The labels to store beside these dimensions: empty when {@link #reconstruct} gives them back exactly. */
    public static Optional<Map<String, String>> toStore(Map<String, String> labels, Dimensions dimensions) {
        return reconstruct(dimensions).equals(labels) ? Optional.empty() : Optional.of(labels);
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (!Dimensions.UNATTRIBUTED.equals(value)) {
            labels.put(key, value);
        }
    }
}

package io.tokenledger.attribution.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The business dimensions an event's cost is attributed to. A dimension no label named is
 * {@link #UNATTRIBUTED}, never empty, so that every event stays visible in every grouping.
 */
public record Dimensions(String tenantId, String team, String feature, String customer, String user,
                         String environment, Map<String, String> tags) {

    /** The value of a dimension that the event did not name. */
    public static final String UNATTRIBUTED = "unattributed";

    public Dimensions {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(environment, "environment");
        // Sorted, so that stored tags and responses are deterministic.
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }
}

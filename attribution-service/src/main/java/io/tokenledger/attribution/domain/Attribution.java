package io.tokenledger.attribution.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The attribution rule: an event's labels become its business dimensions. Pure. */
public final class Attribution {

    /** Label keys that are dimensions of their own; every other label is a free tag. */
    public static final Set<String> WELL_KNOWN_KEYS = Set.of("team", "feature", "customer", "user", "environment");

    private Attribution() {
    }

    /**
     * Maps labels to dimensions: the well-known keys become dimensions (a missing or blank one is
     * {@link Dimensions#UNATTRIBUTED}), every other label becomes a tag with its value unchanged.
     */
    public static Dimensions attribute(String tenantId, Map<String, String> labels) {
        Map<String, String> tags = new HashMap<>();
        labels.forEach((key, value) -> {
            if (!WELL_KNOWN_KEYS.contains(key)) {
                tags.put(key, value);
            }
        });
        return new Dimensions(tenantId,
                valueOf(labels, "team"),
                valueOf(labels, "feature"),
                valueOf(labels, "customer"),
                valueOf(labels, "user"),
                valueOf(labels, "environment"),
                tags);
    }

    private static String valueOf(Map<String, String> labels, String key) {
        String value = labels.get(key);
        return value == null || value.isBlank() ? Dimensions.UNATTRIBUTED : value;
    }
}

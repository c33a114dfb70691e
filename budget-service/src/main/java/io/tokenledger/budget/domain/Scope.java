package io.tokenledger.budget.domain;

import java.util.Map;
import java.util.Set;

/** The business dimensions a budget may be scoped by, and the matching rule. */
public final class Scope {

    /**
     * The dimension names a scope may use, besides {@code tag:<label>} (a free tag of the event, e.g.
     * {@code tag:region}); {@code api_key} is the event's {@code api_key} label (a key id or name).
     */
    public static final Set<String> KEYS = Set.of("team", "feature", "customer", "user", "environment", "provider",
            "model", "api_key");

    /** The prefix of a free-tag scope key. */
    public static final String TAG_PREFIX = "tag:";

    /** Whether a scope may use this key. */
    public static boolean isKey(String key) {
        return KEYS.contains(key) || key.startsWith(TAG_PREFIX) && key.length() > TAG_PREFIX.length();
    }

    private Scope() {
    }

    /** A charge matches when every (key, value) of the scope equals the charge's dimension; an empty scope matches all. */
    public static boolean matches(Map<String, String> scope, Map<String, String> dimensions) {
        for (Map.Entry<String, String> entry : scope.entrySet()) {
            if (!entry.getValue().equals(dimensions.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

package io.tokenledger.budget.domain;

import java.util.Map;
import java.util.Set;

/** The business dimensions a budget may be scoped by, and the matching rule. */
public final class Scope {

    /** The dimension names a scope may use. */
    public static final Set<String> KEYS = Set.of("team", "feature", "customer", "user", "environment", "provider", "model");

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

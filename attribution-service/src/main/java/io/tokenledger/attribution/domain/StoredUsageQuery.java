package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What CompareStoredUsage prices: a tenant's period, optionally narrowed by dimensions, on candidate models.
 *
 * @param filters ledger column -> value (e.g. {@code user_id -> u-7}), in name order
 */
public record StoredUsageQuery(String tenantId, Period period, Map<String, String> filters, List<ModelRef> candidates) {

    /** The most candidates one call may price. */
    public static final int MAX_CANDIDATES = 20;

    private static final Map<String, String> FILTER_COLUMNS = Map.of("team", "team", "feature", "feature",
            "customer", "customer", "user", "user_id", "environment", "environment", "provider", "provider",
            "model", "model");

    /** Throws {@code TokenLedgerException.Invalid} naming every bad field. */
    public static StoredUsageQuery parse(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                         Map<String, String> filters, List<ModelRef> candidates, Instant now) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        Period period = Period.of(start, end, now, violations);
        Map<String, String> columns = new TreeMap<>();
        new TreeMap<>(filters).forEach((name, value) -> {
            String column = FILTER_COLUMNS.get(name);
            if (column == null) {
                violations.add("filters[" + name + "]",
                        "must be one of team, feature, customer, user, environment, provider, model");
            } else {
                columns.put(column, value);
            }
        });
        checkCandidates(candidates, 1, violations);
        violations.throwIfAny();
        return new StoredUsageQuery(tenantId, period, columns, List.copyOf(candidates));
    }

    static void checkCandidates(List<ModelRef> candidates, int min, Violations violations) {
        if (candidates.size() < min || candidates.size() > MAX_CANDIDATES) {
            violations.add("candidates", "must hold " + min + ".." + MAX_CANDIDATES + " models, got "
                    + candidates.size());
        }
        for (int i = 0; i < candidates.size(); i++) {
            violations.check(!candidates.get(i).provider().isBlank(), "candidates[" + i + "].provider", "is required");
            violations.check(!candidates.get(i).model().isBlank(), "candidates[" + i + "].model", "is required");
        }
    }
}

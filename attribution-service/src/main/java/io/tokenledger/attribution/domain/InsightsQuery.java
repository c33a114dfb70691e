package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What GetInsights looks at.
 *
 * @param candidates         CHEAPER_MODEL's models; empty means {@link TierDown}'s default per provider
 * @param backgroundFeatures features treated as not latency sensitive besides those labelled latency=background
 * @param bloatFactor        BLOATED_PROMPT's k: prompts above k x the feature's median
 */
public record InsightsQuery(String tenantId, Period period, int limit, List<ModelRef> candidates,
                            Set<String> backgroundFeatures, int bloatFactor) {

    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_BLOAT_FACTOR = 3;

    /** Throws {@code TokenLedgerException.Invalid} naming every bad field. */
    public static InsightsQuery parse(String tenantId, Optional<Instant> start, Optional<Instant> end, int limit,
                                      List<ModelRef> candidates, List<String> backgroundFeatures, int bloatFactor,
                                      Instant now) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        Period period = Period.of(start, end, now, violations);
        violations.check(limit >= 0 && limit <= MAX_LIMIT, "limit", "must be 0.." + MAX_LIMIT);
        StoredUsageQuery.checkCandidates(candidates, 0, violations);
        for (int i = 0; i < backgroundFeatures.size(); i++) {
            violations.check(!backgroundFeatures.get(i).isBlank(), "background_features[" + i + "]", "must not be empty");
        }
        violations.check(bloatFactor == 0 || bloatFactor >= 2 && bloatFactor <= 100, "bloat_factor",
                "must be 0 (default " + DEFAULT_BLOAT_FACTOR + ") or 2..100");
        violations.throwIfAny();
        return new InsightsQuery(tenantId, period, limit, List.copyOf(candidates), Set.copyOf(backgroundFeatures),
                bloatFactor == 0 ? DEFAULT_BLOAT_FACTOR : bloatFactor);
    }
}

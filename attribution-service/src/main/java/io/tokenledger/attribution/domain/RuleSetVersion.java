package io.tokenledger.attribution.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One immutable version of a tenant's rules. Version 0 is the empty set a tenant has before its first put.
 * The etag is the version number as text: opaque to clients, and "0" names "no version yet".
 */
public record RuleSetVersion(String tenantId, long version, List<AttributionRule> rules,
                             Optional<Instant> createdAt) {

    public RuleSetVersion {
        rules = rules.stream().sorted(Comparator.comparingInt(AttributionRule::priority)).toList();
    }

    public static RuleSetVersion none(String tenantId) {
        return new RuleSetVersion(tenantId, 0, List.of(), Optional.empty());
    }

    public String etag() {
        return etagOf(version);
    }

    public static String etagOf(long version) {
        return Long.toString(version);
    }
}

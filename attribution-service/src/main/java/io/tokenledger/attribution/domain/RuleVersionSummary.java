package io.tokenledger.attribution.domain;

import java.time.Instant;

/** A stored rule set version without its rules, for listings. */
public record RuleVersionSummary(long version, int ruleCount, Instant createdAt) {

    public String etag() {
        return RuleSetVersion.etagOf(version);
    }
}

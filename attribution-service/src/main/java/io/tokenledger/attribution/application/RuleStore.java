package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.AttributionRule;
import io.tokenledger.attribution.domain.DryRun;
import io.tokenledger.attribution.domain.RuleSetVersion;
import io.tokenledger.attribution.domain.RuleVersionSummary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where rule set versions live, and the ledger rows a dry run re-attributes. */
public interface RuleStore {

    /** The tenant's latest version number, 0 when none was ever put. One indexed lookup. */
    long latestVersion(String tenantId);

    /** One version, or empty when the tenant has no such version. */
    Optional<RuleSetVersion> find(String tenantId, long version);

    /**
     * Stores the rules as the tenant's next version, atomically. With {@code expectedLatest}, throws
     * {@code TokenLedgerException.Aborted} (nothing stored) unless the latest version is exactly that one.
     */
    RuleSetVersion append(String tenantId, List<AttributionRule> rules, Optional<Long> expectedLatest);

    /** Versions below {@code beforeVersion} (exclusive), newest first, at most {@code limit}. */
    List<RuleVersionSummary> versions(String tenantId, long beforeVersion, int limit);

    /** The tenant's ledger rows in [start, end), grouped by everything attribution depends on. */
    List<DryRun.StoredGroup> storedGroups(String tenantId, Instant start, Instant end);
}

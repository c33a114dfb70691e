package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.AttributionRule;
import io.tokenledger.attribution.domain.CompiledRules;
import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.DryRun;
import io.tokenledger.attribution.domain.RuleSetVersion;
import io.tokenledger.attribution.domain.RuleValidation;
import io.tokenledger.attribution.domain.RuleVersionSummary;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Puts, reads and lists versions of a tenant's attribution rules, and dry-runs candidate rules on the ledger. */
@ApplicationScoped
public class AttributionRules {

    /** Default and largest page of ListAttributionRuleVersions. */
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1_000;

    private final RuleStore store;
    private final ActiveRules active;
    private final Clock clock;

    public AttributionRules(RuleStore store, ActiveRules active, Clock clock) {
        this.store = store;
        this.active = active;
        this.clock = clock;
    }

    /** Validates, stores the next version and makes it this replica's active rules at once. */
    public RuleSetVersion put(String tenantId, List<AttributionRule> rules, String etag) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        RuleValidation.check(rules, violations);
        violations.throwIfAny();
        Optional<Long> expected = Optional.empty();
        if (!etag.isEmpty()) {
            try {
                expected = Optional.of(Long.parseLong(etag));
            } catch (NumberFormatException e) {
                // An etag this service never issued cannot match any version.
                throw new TokenLedgerException.Aborted("ETAG_MISMATCH",
                        "the etag does not match the latest rule set version");
            }
        }
        RuleSetVersion stored = store.append(tenantId, rules, expected);
        active.install(stored);
        return stored;
    }

    /** One version; 0 = the latest (version 0 without rules when none was put). */
    public RuleSetVersion get(String tenantId, long version) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        violations.check(version >= 0, "version", "must be >= 0");
        violations.throwIfAny();
        long wanted = version == 0 ? store.latestVersion(tenantId) : version;
        if (wanted == 0) {
            return RuleSetVersion.none(tenantId);
        }
        return store.find(tenantId, wanted).orElseThrow(() -> new TokenLedgerException.NotFound(
                "RULE_SET_VERSION_NOT_FOUND", "the tenant has no rule set version " + wanted));
    }

    /** A page of versions, newest first, and the token of the next page (empty on the last). */
    public record Page(List<RuleVersionSummary> versions, String nextPageToken) {
    }

    public Page list(String tenantId, int pageSize, String pageToken) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        violations.check(pageSize >= 0 && pageSize <= MAX_PAGE, "page_size", "must be 0 to " + MAX_PAGE);
        long before = Long.MAX_VALUE;
        if (!pageToken.isEmpty()) {
            try {
                before = Long.parseLong(pageToken);
            } catch (NumberFormatException e) {
                violations.add("page_token", "is not a token of this listing");
            }
        }
        violations.throwIfAny();
        int limit = pageSize == 0 ? DEFAULT_PAGE : pageSize;
        List<RuleVersionSummary> versions = store.versions(tenantId, before, limit + 1);
        if (versions.size() <= limit) {
            return new Page(versions, "");
        }
        List<RuleVersionSummary> page = versions.subList(0, limit);
        return new Page(List.copyOf(page), Long.toString(page.get(limit - 1).version()));
    }

    /** Re-attributes the period's ledger rows under the candidate rules; writes nothing. */
    public DryRun.Report dryRun(String tenantId, List<AttributionRule> rules, Optional<Instant> start,
                                Optional<Instant> end, String groupBy) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        RuleValidation.check(rules, violations);
        violations.check(start.isPresent(), "start_time", "is required");
        Instant until = end.orElse(clock.instant());
        start.ifPresent(from -> violations.check(from.isBefore(until), "end_time", "must be after start_time"));
        Optional<Dimension> dimension = Dimension.parse(groupBy).filter(AttributionRules::attributable);
        violations.check(dimension.isPresent(), "group_by",
                "must be team, feature, customer, user, environment or tag:<key>");
        violations.throwIfAny();
        RuleSetVersion candidate = new RuleSetVersion(tenantId, 0, rules, Optional.empty());
        return DryRun.run(tenantId, CompiledRules.compile(candidate),
                store.storedGroups(tenantId, start.get(), until), dimension.get());
    }

    private static boolean attributable(Dimension dimension) {
        return switch (dimension.kind()) {
            case TEAM, FEATURE, CUSTOMER, USER, ENVIRONMENT, TAG -> true;
            default -> false;
        };
    }
}

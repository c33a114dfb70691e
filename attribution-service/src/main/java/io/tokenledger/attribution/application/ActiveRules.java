package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.CompiledRules;
import io.tokenledger.attribution.domain.RuleSetVersion;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The compiled rules RecordCosts applies, one immutable snapshot per tenant. A snapshot is trusted for
 * {@code tokenledger.attribution.rules-refresh} (default 1 s); after that one cheap query reads the latest version
 * number and the rules are reloaded only when it changed. A put on this replica installs its version at once; other
 * replicas pick it up within the refresh interval.
 */
@ApplicationScoped
public class ActiveRules {

    private record Snapshot(CompiledRules rules, long checkedAtNanos) {
    }

    private final RuleStore store;
    private final long refreshNanos;
    private final ConcurrentMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    public ActiveRules(RuleStore store,
                       @ConfigProperty(name = "tokenledger.attribution.rules-refresh", defaultValue = "PT1S")
                       Duration refresh) {
        this.store = store;
        this.refreshNanos = refresh.toNanos();
    }

    /** The tenant's current rules (version 0, no rules, when none was put). */
    public CompiledRules of(String tenantId) {
        long now = System.nanoTime();
        Snapshot snapshot = snapshots.get(tenantId);
        if (snapshot != null && now - snapshot.checkedAtNanos < refreshNanos) {
            return snapshot.rules;
        }
        long latest = store.latestVersion(tenantId);
        CompiledRules rules = snapshot != null && snapshot.rules.version() == latest ? snapshot.rules
                : CompiledRules.compile(latest == 0 ? RuleSetVersion.none(tenantId)
                        : store.find(tenantId, latest).orElse(RuleSetVersion.none(tenantId)));
        snapshots.put(tenantId, new Snapshot(rules, now));
        return rules;
    }

    /** Makes a version just stored here the tenant's snapshot, unless a newer one is already installed. */
    void install(RuleSetVersion version) {
        CompiledRules rules = CompiledRules.compile(version);
        snapshots.merge(version.tenantId(), new Snapshot(rules, System.nanoTime()),
                (old, fresh) -> old.rules.version() > fresh.rules.version() ? old : fresh);
    }
}

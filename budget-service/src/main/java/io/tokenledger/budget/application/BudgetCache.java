package io.tokenledger.budget.application;

import io.tokenledger.budget.config.BudgetConfig;
import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.persistence.BudgetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's budgets in memory, so charging and checking do not read PostgreSQL per event. Reloaded when older
 * than {@code tokenledger.budget.cache-refresh} (budgets created on another replica show up within that time)
 * and right after a create on this replica.
 */
@ApplicationScoped
public class BudgetCache {

    private record Entry(List<Budget> budgets, Instant loadedAt) {
    }

    private final BudgetRepository budgets;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Entry> byTenant = new ConcurrentHashMap<>();

    public BudgetCache(BudgetRepository budgets, Clock clock, BudgetConfig config) {
        this.budgets = budgets;
        this.clock = clock;
        this.maxAge = config.cacheRefresh();
    }

    /** The tenant's budgets, oldest first. */
    public List<Budget> budgetsOf(String tenant) {
        Instant now = clock.instant();
        Entry entry = byTenant.get(tenant);
        if (entry == null || entry.loadedAt().plus(maxAge).isBefore(now)) {
            entry = new Entry(budgets.listAll(tenant), now);
            byTenant.put(tenant, entry);
        }
        return entry.budgets();
    }

    /** The tenant's budgets when loaded and not older than the refresh age; empty when a reload is due. */
    public Optional<List<Budget>> freshBudgetsOf(String tenant) {
        Entry entry = byTenant.get(tenant);
        if (entry == null || entry.loadedAt().plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.budgets());
    }

    /** Reloads the tenant's list now (after a create). */
    public void refresh(String tenant) {
        byTenant.put(tenant, new Entry(budgets.listAll(tenant), clock.instant()));
    }
}

package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.redis.SpendCounters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Rebuilds a tenant's live spend counters from the ledger (Redis is a cache): each budget's current-window spend
 * is recomputed with the ledger's QueryCost over the budget's scope and window, and written over the counter.
 * Open reservations live in their own keys and are left as they are (after a Redis loss they are gone: the calls
 * they admitted are charged in full when their usage arrives).
 */
@ApplicationScoped
public class CounterRebuild {

    private static final Logger LOG = Logger.getLogger(CounterRebuild.class);

    private final BudgetCache cache;
    private final LedgerSpend ledger;
    private final SpendCounters counters;
    private final SpendStatuses statuses;
    private final Clock clock;

    public CounterRebuild(BudgetCache cache, LedgerSpend ledger, SpendCounters counters, SpendStatuses statuses, Clock clock) {
        this.cache = cache;
        this.ledger = ledger;
        this.counters = counters;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Rewrites every budget's current-window counter of the tenant; returns the statuses after. */
    public List<BudgetStatus> rebuild(String tenant) {
        BudgetCatalog.requireTenant(tenant);
        cache.refresh(tenant);
        List<Budget> budgets = cache.budgetsOf(tenant);
        Instant now = clock.instant();
        List<SpendCounters.Target> targets = new ArrayList<>(budgets.size());
        List<Long> spent = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            SpendCounters.Target target = new SpendCounters.Target(budget, budget.windowAt(now));
            targets.add(target);
            spent.add(ledger.spent(tenant, budget.scope(), target.window()));
        }
        counters.overwrite(tenant, targets, spent);
        LOG.infof("Rebuilt %d budget counters of tenant %s from the ledger", budgets.size(), tenant);
        return statuses.at(tenant, budgets, now);
    }
}

package io.tokenledger.budget.application;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenledger.budget.domain.BudgetEvent;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.persistence.BudgetEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a tenant's budget events from a cursor (the last sequence seen): polls PostgreSQL every
 * {@link #POLL} on a worker thread and emits new events oldest first, so a reconnecting watcher misses none.
 */
@ApplicationScoped
public class BudgetEventFeed {

    static final Duration POLL = Duration.ofMillis(250);
    private static final int BATCH = 500;

    private final BudgetEventRepository events;

    public BudgetEventFeed(BudgetEventRepository events) {
        this.events = events;
    }

    public Multi<BudgetEvent> follow(String tenant, String budgetId, long afterSequence) {
        BudgetCatalog.requireTenant(tenant);
        Optional<String> budget = budgetId.isBlank() ? Optional.empty() : Optional.of(budgetId);
        AtomicLong cursor = new AtomicLong(Math.max(0, afterSequence));
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> {
                    Page<BudgetEvent> page = events.listPage(tenant, budget, cursor.get(), BATCH);
                    List<BudgetEvent> items = page.items();
                    if (!items.isEmpty()) {
                        cursor.set(items.get(items.size() - 1).sequence());
                    }
                    return Multi.createFrom().iterable(items);
                });
    }
}

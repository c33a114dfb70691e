package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.redis.SpendCounters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The live status of budgets in the window containing a time: spent read from Redis with one MGET. */
@ApplicationScoped
public class SpendStatuses {

    private final SpendCounters counters;

    public SpendStatuses(SpendCounters counters) {
        this.counters = counters;
    }

    /** Statuses of budgets of one tenant, in the given order. */
    public List<BudgetStatus> at(String tenant, List<Budget> budgets, Instant at) {
        List<SpendCounters.Target> targets = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            targets.add(new SpendCounters.Target(budget, budget.windowAt(at)));
        }
        List<Long> spent = counters.spent(tenant, targets);
        List<BudgetStatus> statuses = new ArrayList<>(budgets.size());
        for (int i = 0; i < targets.size(); i++) {
            statuses.add(new BudgetStatus(budgets.get(i), targets.get(i).window(), spent.get(i)));
        }
        return statuses;
    }
}

package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.redis.Reservations;
import io.tokenledger.budget.redis.SpendCounters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live status of budgets in the window containing a time: spent and open (unexpired) reservations, read from
 * Redis with one script call.
 */
@ApplicationScoped
public class SpendStatuses {

    private final Reservations reservations;
    private final Clock clock;

    public SpendStatuses(Reservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    /** Statuses of budgets of one tenant, in the given order. */
    public List<BudgetStatus> at(String tenant, List<Budget> budgets, Instant at) {
        List<SpendCounters.Target> targets = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            targets.add(new SpendCounters.Target(budget, budget.windowAt(at)));
        }
        List<Reservations.Counted> counted = reservations.peek(tenant, targets, clock.instant());
        List<BudgetStatus> statuses = new ArrayList<>(budgets.size());
        for (int i = 0; i < targets.size(); i++) {
            statuses.add(new BudgetStatus(budgets.get(i), targets.get(i).window(), counted.get(i).spentNanos(),
                    counted.get(i).reservedNanos()));
        }
        return statuses;
    }
}

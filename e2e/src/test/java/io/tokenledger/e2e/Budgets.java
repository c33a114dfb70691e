package io.tokenledger.e2e;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.cli.command.UsageEvents;
import io.tokenledger.cli.infra.Clients;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Daily UTC budgets of one tenant, and their spent counters at a given time. */
record Budgets(Clients clients, String tenant, Instant at) {

    String create(String name, Map<String, String> scope, long limitNanos, List<Integer> thresholds) {
        return clients.budget().createBudget(CreateBudgetRequest.newBuilder()
                .setRequestId(tenant + "-" + name)
                .setBudget(Budget.newBuilder().setTenantId(tenant).setDisplayName(name).putAllScope(scope)
                        .setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY).setTimeZone("UTC")
                        .setLimit(Money.newBuilder().setCurrencyCode("USD").setUnits(limitNanos / 1_000_000_000L)
                                .setNanos((int) (limitNanos % 1_000_000_000L)))
                        .addAllThresholdPercents(thresholds))
                .build()).getBudget().getBudgetId();
    }

    long spentNanos(String budgetId) {
        Timestamp time = UsageEvents.timestamp(at);
        return clients.budget().getBudget(GetBudgetRequest.newBuilder().setTenantId(tenant).setBudgetId(budgetId)
                .setAtTime(time).build()).getStatus().getSpentNanos();
    }
}

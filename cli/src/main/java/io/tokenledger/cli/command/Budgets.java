package io.tokenledger.cli.command;

import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.cli.infra.Clients;
import io.tokenledger.cli.scenario.BudgetSpec;
import io.tokenledger.cli.scenario.Scenario;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Creates the scenario's budgets (idempotent per request id, so a rerun on the same database adds none). */
final class Budgets {

    private Budgets() {
    }

    static int create(Scenario scenario, Clients clients, String day) {
        for (BudgetSpec spec : scenario.budgets()) {
            BigDecimal nanos = spec.limitUsd().movePointRight(9).setScale(0, RoundingMode.HALF_EVEN);
            long total = nanos.longValueExact();
            Money limit = Money.newBuilder().setCurrencyCode("USD").setUnits(total / 1_000_000_000L)
                    .setNanos((int) (total % 1_000_000_000L)).build();
            clients.budget().createBudget(CreateBudgetRequest.newBuilder()
                    .setRequestId(scenario.tenant() + ":" + day + ":" + spec.name().replaceAll("[^A-Za-z0-9]+", "-"))
                    .setBudget(Budget.newBuilder()
                            .setTenantId(scenario.tenant())
                            .setDisplayName(spec.name())
                            .putAllScope(spec.scope())
                            .setPeriod(spec.period().equals("DAY") ? BudgetPeriod.BUDGET_PERIOD_DAY
                                    : BudgetPeriod.BUDGET_PERIOD_MONTH)
                            .setTimeZone(spec.timeZone())
                            .setLimit(limit)
                            .addAllThresholdPercents(spec.thresholds()))
                    .build());
        }
        return scenario.budgets().size();
    }
}

package io.tokenledger.budget.domain;

import java.util.List;
import java.util.Optional;

/** The answer of a pre-flight check: the decision, which budget decided it and why. */
public record CheckOutcome(Decision decision, long estimateNanos, List<BudgetStatus> statuses,
                           Optional<String> decidingBudgetId, String reason) {

    public CheckOutcome {
        statuses = List.copyOf(statuses);
    }
}

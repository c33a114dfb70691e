package io.tokenledger.budget.domain;

import java.util.List;

/** What happened to one charge: charged to these budgets, or a duplicate that changed nothing. */
public record ChargeResult(String eventId, boolean duplicate, List<String> budgetIds) {

    public ChargeResult {
        budgetIds = List.copyOf(budgetIds);
    }
}

package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.BudgetEvent;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.domain.PageToken;
import io.tokenledger.budget.persistence.BudgetEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reading the threshold crossings of a tenant, oldest first. */
@ApplicationScoped
public class BudgetEventLog {

    private final BudgetEventRepository events;

    public BudgetEventLog(BudgetEventRepository events) {
        this.events = events;
    }

    public Page<BudgetEvent> list(String tenant, String budgetId, int pageSize, String pageToken) {
        BudgetCatalog.requireTenant(tenant);
        int size = PageToken.pageSize(pageSize, "page_size");
        return events.listPage(tenant, budgetId.isBlank() ? Optional.empty() : Optional.of(budgetId),
                PageToken.decode(pageToken, "page_token"), size);
    }
}

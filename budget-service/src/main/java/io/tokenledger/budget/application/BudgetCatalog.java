package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetDraft;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.domain.Ids;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.domain.PageToken;
import io.tokenledger.budget.persistence.BudgetRepository;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Creating and reading budgets with their live status. */
@ApplicationScoped
public class BudgetCatalog {

    /** A budget and its status in the requested window. */
    public record BudgetView(Budget budget, BudgetStatus status) {
    }

    private final BudgetRepository budgets;
    private final BudgetCache cache;
    private final SpendStatuses statuses;
    private final Clock clock;

    public BudgetCatalog(BudgetRepository budgets, BudgetCache cache, SpendStatuses statuses, Clock clock) {
        this.budgets = budgets;
        this.cache = cache;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Creates the budget; a repeated request id of the tenant returns the budget created first. */
    public Budget create(BudgetDraft draft, String requestId) {
        Instant now = clock.instant();
        Budget budget = draft.toBudget(Ids.newId("bud"), Ids.newId("v1").substring(3), now);
        Budget stored = budgets.insertIdempotent(budget, requestId.isBlank() ? Optional.empty() : Optional.of(requestId));
        cache.refresh(stored.tenantId());
        return stored;
    }

    public BudgetView get(String tenant, String budgetId, Optional<Instant> at) {
        requireTenant(tenant);
        Budget budget = budgets.findById(tenant, budgetId).orElseThrow(() -> new TokenLedgerException.NotFound(
                "BUDGET_NOT_FOUND", "budget " + budgetId + " not found"));
        return new BudgetView(budget, statuses.at(tenant, List.of(budget), at.orElseGet(clock::instant)).get(0));
    }

    public Page<BudgetView> list(String tenant, int pageSize, String pageToken, Optional<Instant> at) {
        requireTenant(tenant);
        int size = PageToken.pageSize(pageSize, "page_size");
        Page<Budget> page = budgets.listPage(tenant, PageToken.decode(pageToken, "page_token"), size);
        List<BudgetStatus> live = statuses.at(tenant, page.items(), at.orElseGet(clock::instant));
        return new Page<>(live.stream().map(s -> new BudgetView(s.budget(), s)).toList(), page.nextPageToken());
    }

    static void requireTenant(String tenant) {
        if (tenant.isBlank()) {
            throw new TokenLedgerException.Invalid("tenant_id", "is required");
        }
    }
}

package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetDraft;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.domain.BudgetUpdate;
import io.tokenledger.budget.domain.Ids;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.domain.PageToken;
import io.tokenledger.budget.persistence.BudgetRepository;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Creating, reading, updating and deleting budgets with their live status. */
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
        // PostgreSQL keeps microseconds: the answer to a create equals what a later read returns.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Budget budget = draft.toBudget(Ids.newId("bud"), Ids.newId("v1").substring(3), now);
        Budget stored = budgets.insertIdempotent(budget, requestId.isBlank() ? Optional.empty() : Optional.of(requestId));
        cache.refresh(stored.tenantId());
        return stored;
    }

    /**
     * Changes the masked fields. {@code etag} (when not blank) must be the stored etag, else ABORTED; the write is a
     * compare-and-set on the etag, so of two concurrent updates from the same version one wins and one is ABORTED.
     */
    public Budget update(String tenant, String budgetId, BudgetDraft patch, List<String> paths, String etag) {
        requireTenant(tenant);
        Budget current = find(tenant, budgetId);
        String expected = etag.isBlank() ? current.etag() : etag;
        if (!expected.equals(current.etag())) {
            throw etagMismatch(budgetId, etag, current.etag());
        }
        Budget updated = BudgetUpdate.apply(current, patch, paths)
                .toBudget(current.id(), Ids.newId("v1").substring(3), current.createTime());
        if (!budgets.update(updated, expected)) {
            Budget now = find(tenant, budgetId);
            throw etagMismatch(budgetId, expected, now.etag());
        }
        cache.refresh(tenant);
        return updated;
    }

    /** Deletes the budget (soft: its events stay); it stops matching at once on this replica. */
    public void delete(String tenant, String budgetId, String etag) {
        requireTenant(tenant);
        Budget current = find(tenant, budgetId);
        String expected = etag.isBlank() ? current.etag() : etag;
        if (!budgets.softDelete(tenant, budgetId, expected, clock.instant())) {
            Budget now = find(tenant, budgetId);
            throw etagMismatch(budgetId, expected, now.etag());
        }
        cache.refresh(tenant);
    }

    private Budget find(String tenant, String budgetId) {
        return budgets.findById(tenant, budgetId).orElseThrow(() -> new TokenLedgerException.NotFound(
                "BUDGET_NOT_FOUND", "budget " + budgetId + " not found"));
    }

    private static TokenLedgerException.Aborted etagMismatch(String budgetId, String given, String current) {
        return new TokenLedgerException.Aborted("ETAG_MISMATCH", "budget " + budgetId + " has etag '" + current
                + "', not '" + given + "': it changed since it was read; get it again and retry");
    }

    public BudgetView get(String tenant, String budgetId, Optional<Instant> at) {
        requireTenant(tenant);
        Budget budget = find(tenant, budgetId);
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

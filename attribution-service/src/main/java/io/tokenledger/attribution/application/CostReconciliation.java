package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Reconciliation;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reconciliation: what providers or gateways reported as the cost of a tenant's events (e.g. OpenRouter's
 * {@code usage.cost}) against TokenLedger's own cost of the same events, over a period, per provider and model.
 */
@ApplicationScoped
public class CostReconciliation {

    private final ReportedCostLedger ledger;

    public CostReconciliation(ReportedCostLedger ledger) {
        this.ledger = ledger;
    }

    /** Validates (tenant, both times, end after start; every problem named) and reads the ledger. */
    public List<Reconciliation> reconcile(String tenantId, Optional<Instant> start, Optional<Instant> end) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        violations.check(start.isPresent(), "start_time", "is required");
        violations.check(end.isPresent(), "end_time", "is required");
        if (start.isPresent() && end.isPresent()) {
            violations.check(start.get().isBefore(end.get()), "end_time", "must be after start_time");
        }
        violations.throwIfAny();
        return ledger.reconcile(tenantId, start.get(), end.get());
    }
}

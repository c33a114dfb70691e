package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Reconciliation;
import java.time.Instant;
import java.util.List;

/** The ledger's reported costs beside its own, per provider and model. */
public interface ReportedCostLedger {

    /** Rows of the tenant's events in [start, end) that have a reported cost, by provider and model. */
    List<Reconciliation> reconcile(String tenantId, Instant start, Instant end);
}

package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import java.util.List;
import java.util.Map;

/**
 * The three services the pipeline calls (port; implemented in client). Each call is one batch, answers in
 * request order, is idempotent on event id, and throws {@link DownstreamFailure} when it fails.
 */
public interface Downstream {

    /** Prices the events (PricingService.PriceUsage). */
    List<PricedEvent> price(List<UsageEvent> events);

    /**
     * Records the priced events in the ledger (AttributionService.RecordCosts).
     *
     * @return the dimensions each event was attributed to (team, feature, customer, user, environment)
     */
    List<Map<String, String>> record(List<UsageEvent> events, List<PricedEvent> priced);

    /** Charges the spend to budgets (BudgetService.ChargeSpend). */
    void charge(List<SpendCharge> charges);
}

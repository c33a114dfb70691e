package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.CorrectionRecorded;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Records corrections in the ledger (AttributionService.RecordCosts with corrects_event_id); {@code priced}
     * holds each AMEND's new price (empty for a VOID).
     */
    List<CorrectionRecorded> recordCorrections(List<UsageEvent> corrections, List<Optional<PricedEvent>> priced);

    /** Charges the spend to budgets (BudgetService.ChargeSpend). */
    void charge(List<SpendCharge> charges);
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.CorrectionBatch;
import io.tokenledger.attribution.domain.Correction;
import io.tokenledger.attribution.domain.CorrectionOutcome;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a RecordCosts batch that holds corrections: validates the whole batch, records its ordinary records
 * through {@link CostRecording} first (so a correction may follow its target in the same batch), then applies the
 * corrections one by one in request order (later corrections of a target win).
 */
@ApplicationScoped
public class CorrectionRecording {

    private final CostRecording recording;
    private final CorrectionLedger ledger;
    private final ActiveRules rules;
    private final LedgerMetrics metrics;

    public CorrectionRecording(CostRecording recording, CorrectionLedger ledger, ActiveRules rules,
                               LedgerMetrics metrics) {
        this.recording = recording;
        this.ledger = ledger;
        this.rules = rules;
        this.metrics = metrics;
    }

    /** One outcome per entry, in the same order. Throws {@code TokenLedgerException.Invalid} for a bad batch. */
    public List<CorrectionOutcome> record(List<CostEntry> entries, List<Correction> corrections) {
        CorrectionBatch.validate(entries, corrections);
        List<CostEntry> ordinary = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!corrections.get(i).isCorrection()) {
                ordinary.add(entries.get(i));
            }
        }
        List<RecordOutcome> recorded = ordinary.isEmpty() ? List.of() : recording.record(ordinary);
        List<CorrectionOutcome> outcomes = new ArrayList<>(entries.size());
        int next = 0;
        for (int i = 0; i < entries.size(); i++) {
            CostEntry entry = entries.get(i);
            Correction correction = corrections.get(i);
            if (!correction.isCorrection()) {
                RecordOutcome outcome = recorded.get(next++);
                outcomes.add(new CorrectionOutcome(outcome.eventId(),
                        outcome.status() == RecordOutcome.Status.RECORDED
                                ? CorrectionOutcome.Status.RECORDED : CorrectionOutcome.Status.DUPLICATE,
                        outcome.dimensions(), Optional.empty()));
            } else {
                // An AMEND is attributed like any record, under the tenant's active rules.
                CorrectionOutcome outcome = ledger.apply(new AttributedCost(entry, rules.of(entry.tenantId())
                        .attribute(entry.tenantId(), entry.provider(), entry.model(), entry.labels())), correction);
                if (outcome.status() == CorrectionOutcome.Status.RECORDED) {
                    outcome.reversed().ifPresent(r -> metrics.corrected(correction.kind(), entry, r));
                }
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.CompiledRules;
import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.CostBatch;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.LedgerKey;
import io.tokenledger.attribution.domain.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records priced events in the ledger, idempotently: validates the whole batch, attributes each event under its
 * tenant's active rules ({@link ActiveRules}), writes the new ones in one statement and reports the rest DUPLICATE
 * with the dimensions stored first.
 */
@ApplicationScoped
public class CostRecording {

    private static final Logger LOG = Logger.getLogger(CostRecording.class);

    private final Ledger ledger;
    private final LedgerMetrics metrics;
    private final ActiveRules rules;

    public CostRecording(Ledger ledger, LedgerMetrics metrics, ActiveRules rules) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.rules = rules;
    }

    /** One outcome per entry, in the same order. Throws {@code TokenLedgerException.Invalid} for a bad batch. */
    public List<RecordOutcome> record(List<CostEntry> entries) {
        CostBatch.validate(entries);
        // The first entry of a key in the batch is the one written; a repeat of it in the batch is a duplicate.
        Map<LedgerKey, AttributedCost> candidates = new LinkedHashMap<>(entries.size() * 2);
        boolean[] first = new boolean[entries.size()];
        // Each tenant's rule snapshot is looked up once per batch (a batch usually holds one tenant).
        Map<String, CompiledRules> tenantRules = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CostEntry entry = entries.get(i);
            if (!candidates.containsKey(entry.key())) {
                CompiledRules applied = tenantRules.computeIfAbsent(entry.tenantId(), rules::of);
                candidates.put(entry.key(), new AttributedCost(entry, applied.attribute(entry.tenantId(),
                        entry.provider(), entry.model(), entry.labels())));
                first[i] = true;
            }
        }
        List<AttributedCost> rows = new ArrayList<>(candidates.values());
        Set<LedgerKey> inserted = ledger.insertNew(rows);

        List<LedgerKey> existing = new ArrayList<>();
        if (inserted.size() < rows.size()) {
            for (LedgerKey key : candidates.keySet()) {
                if (!inserted.contains(key)) {
                    existing.add(key);
                }
            }
        }
        Map<LedgerKey, Dimensions> stored = existing.isEmpty() ? Map.of() : ledger.dimensionsOf(existing);

        List<RecordOutcome> outcomes = new ArrayList<>(entries.size());
        List<AttributedCost> recordedRows = new ArrayList<>(inserted.size());
        for (int i = 0; i < entries.size(); i++) {
            CostEntry entry = entries.get(i);
            AttributedCost candidate = candidates.get(entry.key());
            // Only the first entry of a key in the batch can have been written now; its repeats are duplicates.
            boolean recorded = first[i] && inserted.contains(entry.key());
            if (recorded) {
                recordedRows.add(candidate);
            }
            // A skipped row the ledger cannot show was deleted meanwhile; then report what this call attributed.
            Dimensions dimensions = recorded ? candidate.dimensions()
                    : stored.getOrDefault(entry.key(), candidate.dimensions());
            outcomes.add(new RecordOutcome(entry.eventId(),
                    recorded ? RecordOutcome.Status.RECORDED : RecordOutcome.Status.DUPLICATE, dimensions));
        }
        metrics.recorded(recordedRows);
        LOG.debugf("recorded %d of %d cost records", inserted.size(), entries.size());
        return outcomes;
    }
}

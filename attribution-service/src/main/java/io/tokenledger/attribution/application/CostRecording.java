package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Attribution;
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
 * Records priced events in the ledger, idempotently: validates the whole batch, attributes each event,
 * writes the new ones in one statement and reports the rest DUPLICATE with the dimensions stored first.
 */
@ApplicationScoped
public class CostRecording {

    private static final Logger LOG = Logger.getLogger(CostRecording.class);

    private final Ledger ledger;
    private final LedgerMetrics metrics;

    public CostRecording(Ledger ledger, LedgerMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** One outcome per entry, in the same order. Throws {@code TokenLedgerException.Invalid} for a bad batch. */
    public List<RecordOutcome> record(List<CostEntry> entries) {
        CostBatch.validate(entries);
        // The first entry of a key in the batch is the one written; a repeat of it in the batch is a duplicate.
        Map<LedgerKey, AttributedCost> candidates = new LinkedHashMap<>();
        for (CostEntry entry : entries) {
            candidates.computeIfAbsent(entry.key(),
                    key -> new AttributedCost(entry, Attribution.attribute(entry.tenantId(), entry.labels())));
        }
        List<AttributedCost> rows = new ArrayList<>(candidates.values());
        Set<LedgerKey> inserted = ledger.insertNew(rows);

        Map<LedgerKey, Dimensions> stored = new HashMap<>();
        List<LedgerKey> existing = new ArrayList<>();
        for (LedgerKey key : candidates.keySet()) {
            if (inserted.contains(key)) {
                stored.put(key, candidates.get(key).dimensions());
            } else {
                existing.add(key);
            }
        }
        stored.putAll(ledger.dimensionsOf(existing));

        List<RecordOutcome> outcomes = new ArrayList<>(entries.size());
        Set<LedgerKey> reported = new java.util.HashSet<>();
        for (CostEntry entry : entries) {
            LedgerKey key = entry.key();
            boolean recorded = inserted.contains(key) && reported.add(key);
            // A row the ledger skipped but cannot show was deleted meanwhile; report what this call attributed.
            Dimensions dimensions = stored.getOrDefault(key, candidates.get(key).dimensions());
            outcomes.add(new RecordOutcome(entry.eventId(),
                    recorded ? RecordOutcome.Status.RECORDED : RecordOutcome.Status.DUPLICATE, dimensions));
        }
        metrics.recorded(rows.stream().filter(row -> inserted.contains(row.entry().key())).toList());
        LOG.debugf("recorded %d of %d cost records", inserted.size(), entries.size());
        return outcomes;
    }
}

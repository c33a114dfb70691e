package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.LedgerKey;
import io.tokenledger.attribution.domain.Outcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records business outcomes idempotently: an id already recorded for the tenant is a DUPLICATE and changes nothing. */
@ApplicationScoped
public class OutcomeRecording {

    private final Outcomes outcomes;

    public OutcomeRecording(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** True per outcome (same order) when it was recorded now, false when it is a duplicate. */
    public List<Boolean> record(List<Outcome> batch) {
        Outcome.validate(batch);
        // The first outcome of a key in the batch is the one written; its repeats are duplicates.
        Map<LedgerKey, Outcome> first = new LinkedHashMap<>();
        for (Outcome outcome : batch) {
            first.putIfAbsent(outcome.key(), outcome);
        }
        Set<LedgerKey> written = outcomes.insertNew(new ArrayList<>(first.values()));
        List<Boolean> recorded = new ArrayList<>(batch.size());
        for (Outcome outcome : batch) {
            recorded.add(first.get(outcome.key()) == outcome && written.contains(outcome.key()));
        }
        return recorded;
    }
}

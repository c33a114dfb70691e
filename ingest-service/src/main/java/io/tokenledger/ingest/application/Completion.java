package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of the pipeline did: the outcome of every event it completed, and why the others (if any) were not.
 *
 * @param error why the events without an outcome are left for the drainer; null when every event was completed
 */
record Completion(Map<EventKey, Outcome> outcomes, String error) {

    static Completion failed(String error) {
        return new Completion(Map.of(), error);
    }

    /** This run's outcomes followed by the other's; the other's error when it left events. */
    Completion and(Completion other) {
        Map<EventKey, Outcome> all = new LinkedHashMap<>(outcomes);
        all.putAll(other.outcomes);
        return new Completion(all, other.error != null ? other.error : error);
    }
}

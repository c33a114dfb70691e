package io.tokenledger.ingest.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's answer for one correction: whether its target was there, the dimensions of its new entry, and the
 * entry its REVERSAL negated (present unless the target was not found).
 */
public record CorrectionRecorded(boolean targetFound, Map<String, String> dimensions, Optional<Reversed> reversed) {

    public CorrectionRecorded {
        dimensions = Map.copyOf(dimensions);
    }

    /** What the reversal took back, and the scope (dimensions plus provider and model) and time it was charged in. */
    public record Reversed(long costNanos, Instant occurredTime, Map<String, String> dimensions, long totalTokens) {

        public Reversed {
            dimensions = Map.copyOf(dimensions);
        }
    }
}

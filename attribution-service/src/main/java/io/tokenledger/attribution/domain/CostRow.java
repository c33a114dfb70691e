package io.tokenledger.attribution.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One group of a cost query: its values in group_by order, its bucket start (empty for TOTAL), its sums. */
public record CostRow(List<String> groupValues, Optional<Instant> bucketStart, CostTotals totals) {

    public CostRow {
        groupValues = List.copyOf(groupValues);
    }
}

package io.tokenledger.attribution.domain;

import java.util.List;

/** The answer to a cost query: the rows (largest cost first) and the total over every matching event. */
public record CostReport(List<CostRow> rows, CostTotals total) {

    public CostReport {
        rows = List.copyOf(rows);
    }
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.CostReport;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.LedgerKey;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The cost ledger, as the use cases need it. */
public interface Ledger {

    /**
     * Writes every row whose key is not in the ledger yet, in one statement, and returns the keys written.
     * The rows' keys must be distinct.
     */
    Set<LedgerKey> insertNew(List<AttributedCost> rows);

    /** The dimensions stored for these keys (a key not in the ledger is absent from the map). */
    Map<LedgerKey, Dimensions> dimensionsOf(Collection<LedgerKey> keys);

    /** Sums the ledger as the query asks. */
    CostReport query(CostQuery query);
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.LedgerKey;
import io.tokenledger.attribution.domain.Outcome;
import io.tokenledger.attribution.domain.UnitEconomics;
import io.tokenledger.attribution.domain.UnitEconomicsQuery;

import java.util.List;
import java.util.Set;

/** Outcomes and their join with the ledger, as the use cases need them. */
public interface Outcomes {

    /** Writes every outcome (with its trace links) whose key is new, in one statement; returns the keys written. */
    Set<LedgerKey> insertNew(List<Outcome> outcomes);

    /** The groups' sums, largest cost first, and as the last element the total over all calls. */
    List<UnitEconomics> unitEconomics(UnitEconomicsQuery query);
}

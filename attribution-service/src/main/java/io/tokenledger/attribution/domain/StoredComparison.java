package io.tokenledger.attribution.domain;

import java.util.List;

/**
 * A stored period priced on candidate models.
 *
 * @param candidates     one tally per candidate, in request order (current = ledger cost)
 * @param events         the PRICED ledger events compared
 * @param skippedUnpriced the period's UNPRICED ledger events, which have no current cost to compare
 */
public record StoredComparison(List<Candidate> candidates, long events, long skippedUnpriced) {

    /** One candidate's tally. */
    public record Candidate(ModelRef model, SavingTally tally) {
    }
}

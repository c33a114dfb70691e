package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.Correction;
import io.tokenledger.attribution.domain.CorrectionOutcome;

/** The ledger's correction entries (port; implemented in persistence). */
public interface CorrectionLedger {

    /**
     * Applies one correction in one transaction, serialized with every other correction of the same target:
     * appends the REVERSAL of the target's entry in force and, for AMEND or RERATE, the new entry (an AMEND
     * from {@code row}; a RERATE from the entry in force with {@code row}'s price fields), with their rollups.
     * A correction id already in the ledger is DUPLICATE and changes nothing; a target not in the ledger is
     * TARGET_NOT_FOUND and nothing is written.
     */
    CorrectionOutcome apply(AttributedCost row, Correction correction);
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.platform.error.TokenLedgerException;

import java.sql.SQLException;

/** Maps SQL failures of the rules and shared-cost stores like the ledger does (LedgerRepository). */
final class Failures {

    private Failures() {
    }

    /**
     * Connection loss, shutdown and exhausted resources (SQLSTATE classes 08, 57, 53, or none: the pool's own
     * errors) are worth a retry: UNAVAILABLE. Anything else is a bug a retry would repeat: INTERNAL.
     */
    static RuntimeException of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.isEmpty() || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")) {
            return new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE", "the database failed while " + what, e);
        }
        return new IllegalStateException("the database failed while " + what, e);
    }
}

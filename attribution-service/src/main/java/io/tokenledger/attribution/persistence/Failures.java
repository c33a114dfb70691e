package io.tokenledger.attribution.persistence;

import io.tokenledger.platform.error.SqlFailures;
import io.tokenledger.platform.error.TokenLedgerException;
import java.sql.SQLException;

/** The SQL failures of every attribution store: UNAVAILABLE when a retry may succeed, else INTERNAL. */
final class Failures {

    /** numeric_value_out_of_range: a sum (a rollup cell, a query total) past an int64. */
    static final String OUT_OF_RANGE = "22003";

    private Failures() {
    }

    static RuntimeException of(String what, SQLException e) {
        if (OUT_OF_RANGE.equals(e.getSQLState())) {
            // Said as it is, so that a caller's log and ingest's last_error name the cause (INTERNAL would not).
            return new TokenLedgerException.FailedPrecondition("SUM_OUT_OF_RANGE", "the database failed while " + what
                    + ": a sum exceeds 9223372036854775807 (int64 nano-USD or tokens)");
        }
        return SqlFailures.of("LEDGER_UNAVAILABLE", "the database failed while " + what, e);
    }
}

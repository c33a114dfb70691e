package io.tokenledger.attribution.persistence;

import io.tokenledger.platform.error.SqlFailures;
import java.sql.SQLException;

/** The SQL failures of every attribution store: UNAVAILABLE when a retry may succeed, else INTERNAL. */
final class Failures {

    private Failures() {
    }

    static RuntimeException of(String what, SQLException e) {
        return SqlFailures.of("LEDGER_UNAVAILABLE", "the database failed while " + what, e);
    }
}

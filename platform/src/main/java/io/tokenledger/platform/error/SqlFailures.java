package io.tokenledger.platform.error;

import java.sql.SQLException;
import org.jboss.logging.Logger;

/** Maps a failed SQL statement to what its caller should be told: retry later, or an internal error. */
public final class SqlFailures {

    private static final Logger LOG = Logger.getLogger(SqlFailures.class);

    private SqlFailures() {
    }

    /**
     * Connection loss, shutdown, exhausted resources and a transaction rolled back by a deadlock or serialization
     * failure (SQLSTATE classes 08, 57, 53, 40, or none: the pool's own errors, such as an acquisition timeout) are
     * worth a retry: {@link TokenLedgerException.Unavailable} (UNAVAILABLE), logged
     * here because the client's message does not carry the database's. Anything else is a bug a retry would repeat:
     * an IllegalStateException (INTERNAL, logged with its stack by {@link GrpcErrors}).
     *
     * @param reason  the ErrorInfo reason of the UNAVAILABLE answer, e.g. {@code LEDGER_UNAVAILABLE}
     * @param message what failed, for the client and the log
     */
    public static RuntimeException of(String reason, String message, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.isEmpty() || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                || state.startsWith("40")) {
            LOG.warnf("%s (answered UNAVAILABLE): %s", message, e);
            return new TokenLedgerException.Unavailable(reason, message, e);
        }
        return new IllegalStateException(message, e);
    }
}

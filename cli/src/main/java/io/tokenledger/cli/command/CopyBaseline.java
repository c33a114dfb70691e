package io.tokenledger.cli.command;

import io.tokenledger.cli.infra.Infra;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The baseline of the ingest benchmark: how fast PostgreSQL alone accepts the same ledger rows by COPY. It copies
 * the ledger the replay just wrote out to memory, then times COPY FROM STDIN into a scratch table created LIKE the
 * ledger (same columns, defaults, constraints and indexes) in the same database, and drops the scratch schema.
 */
final class CopyBaseline {

    private static final String SCRATCH = "tokenledger_bench";
    private static final String LEDGER = "attribution.cost_ledger";

    record Measurement(String ledgerTable, long rows, long bytes, long nanos) {
        double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }
    }

    private CopyBaseline() {
    }

    /** Copies the ledger rows of {@code tenant} (a tenant id from the scenario file, not user input). */
    static Measurement measure(Infra infra, String tenant) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long rows = copy.copyOut("COPY (SELECT * FROM " + LEDGER + " WHERE tenant_id = '"
                    + tenant.replace("'", "''") + "') TO STDOUT", buffer);
            byte[] data = buffer.toByteArray();
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
                s.execute("CREATE SCHEMA " + SCRATCH);
                s.execute("CREATE TABLE " + SCRATCH + ".ledger_copy (LIKE " + LEDGER
                        + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            }
            try {
                long t0 = System.nanoTime();
                long copied = copy.copyIn("COPY " + SCRATCH + ".ledger_copy FROM STDIN", new ByteArrayInputStream(data));
                long nanos = System.nanoTime() - t0;
                if (copied != rows) {
                    throw new IllegalStateException("COPY accepted " + copied + " of " + rows + " rows");
                }
                return new Measurement(LEDGER, rows, data.length, nanos);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
                }
            }
        }
    }
}

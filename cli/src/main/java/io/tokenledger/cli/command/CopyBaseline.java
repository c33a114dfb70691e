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

    record Measurement(String ledgerTable, long rows, long bytes, long nanos) {
        double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }
    }

    private CopyBaseline() {
    }

    static Measurement measure(Infra infra) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword())) {
            String ledger = largestAttributionTable(c);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long rows = copy.copyOut("COPY " + ledger + " TO STDOUT", buffer);
            byte[] data = buffer.toByteArray();
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
                s.execute("CREATE SCHEMA " + SCRATCH);
                s.execute("CREATE TABLE " + SCRATCH + ".ledger_copy (LIKE " + ledger
                        + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            }
            try {
                long t0 = System.nanoTime();
                long copied = copy.copyIn("COPY " + SCRATCH + ".ledger_copy FROM STDIN", new ByteArrayInputStream(data));
                long nanos = System.nanoTime() - t0;
                if (copied != rows) {
                    throw new IllegalStateException("COPY accepted " + copied + " of " + rows + " rows");
                }
                return new Measurement(ledger, rows, data.length, nanos);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
                }
            }
        }
    }

    /** The ledger: the attribution table (not a partition) with the most rows. */
    private static String largestAttributionTable(Connection c) throws SQLException {
        String best = null;
        long bestRows = -1;
        try (Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
                     + " c.relnamespace WHERE n.nspname = 'attribution' AND c.relkind IN ('r', 'p')"
                     + " AND NOT c.relispartition AND c.relname <> 'flyway_schema_history' ORDER BY c.relname")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String name : names) {
                try (Statement count = c.createStatement();
                     ResultSet rs = count.executeQuery("SELECT count(*) FROM attribution.\"" + name + "\"")) {
                    rs.next();
                    if (rs.getLong(1) > bestRows) {
                        bestRows = rs.getLong(1);
                        best = "attribution.\"" + name + "\"";
                    }
                }
            }
        }
        if (best == null || bestRows <= 0) {
            throw new IllegalStateException("no ledger rows found in schema attribution");
        }
        return best;
    }
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.Ledger;
import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.CostReport;
import io.tokenledger.attribution.domain.CostRow;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.LedgerKey;
import io.tokenledger.attribution.domain.RollupPlan;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The cost ledger in PostgreSQL (table attribution.cost_ledger), through plain JDBC. */
@ApplicationScoped
public class LedgerRepository implements Ledger {

    private static final String DIMENSIONS_OF = """
            SELECT l.tenant_id, l.event_id, l.team, l.feature, l.customer, l.user_id, l.environment,
                   ARRAY(SELECT t.key FROM jsonb_each_text(l.tags) t ORDER BY t.key),
                   ARRAY(SELECT t.value FROM jsonb_each_text(l.tags) t ORDER BY t.key)
            FROM attribution.cost_ledger l
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, event_id)
              ON l.tenant_id = k.tenant_id AND l.event_id = k.event_id AND l.entry_kind = 'USAGE'
            """;

    private static final int MAX_ATTEMPTS = 3;
    /** Deadlock detected, serialization failure. */
    private static final Set<String> RETRIED_STATES = Set.of("40P01", "40001");

    private final DataSource dataSource;

    public LedgerRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<LedgerKey> insertNew(List<AttributedCost> rows) {
        if (rows.isEmpty()) {
            return new HashSet<>();
        }
        // Concurrent batches upsert the same rollup rows; sorted keys make deadlocks rare, and one is retried
        // (the statement was rolled back as a whole, so a retry is safe).
        for (int attempt = 1; ; attempt++) {
            try {
                return insertOnce(rows);
            } catch (DeadlockRetry retry) {
                if (attempt == MAX_ATTEMPTS) {
                    throw Failures.of("recording costs", retry.cause);
                }
            }
        }
    }

    private Set<LedgerKey> insertOnce(List<AttributedCost> rows) {
        Set<LedgerKey> inserted = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(LedgerInsert.SQL)) {
            LedgerInsert.bind(insert, rows);
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(new LedgerKey(result.getString(1), result.getString(2)));
                }
            }
            return inserted;
        } catch (SQLException e) {
            if (RETRIED_STATES.contains(e.getSQLState())) {
                throw new DeadlockRetry(e);
            }
            throw Failures.of("recording costs", e);
        }
    }

    @Override
    public Map<LedgerKey, Dimensions> dimensionsOf(Collection<LedgerKey> keys) {
        Map<LedgerKey, Dimensions> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] tenants = keys.stream().map(LedgerKey::tenantId).toArray(String[]::new);
        String[] events = keys.stream().map(LedgerKey::eventId).toArray(String[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DIMENSIONS_OF)) {
            select.setArray(1, connection.createArrayOf("text", tenants));
            select.setArray(2, connection.createArrayOf("text", events));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String tenant = result.getString(1);
                    String[] tagKeys = (String[]) result.getArray(8).getArray();
                    String[] tagValues = (String[]) result.getArray(9).getArray();
                    Map<String, String> tags = new TreeMap<>();
                    for (int i = 0; i < tagKeys.length; i++) {
                        tags.put(tagKeys[i], tagValues[i]);
                    }
                    found.put(new LedgerKey(tenant, result.getString(2)), new Dimensions(tenant,
                            result.getString(3), result.getString(4), result.getString(5),
                            result.getString(6), result.getString(7), tags));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Failures.of("reading stored dimensions", e);
        }
    }

    /** From the hourly rollup when {@link RollupPlan} allows, else by a scan of the ledger. */
    @Override
    public CostReport query(CostQuery query) {
        Optional<RollupPlan> plan = RollupPlan.of(query);
        if (plan.isEmpty()) {
            return scan(query);
        }
        return run(RollupQuerySql.rows(query, plan.get()), RollupQuerySql.total(query, plan.get()), query);
    }

    /** The same answer by a plain scan of the ledger, never the rollup (the reference the rollup must equal). */
    public CostReport scan(CostQuery query) {
        return run(CostQuerySql.rows(query), CostQuerySql.total(query), query);
    }

    private CostReport run(SqlStatement rowsSql, SqlStatement totalSql, CostQuery query) {
        try (Connection connection = dataSource.getConnection()) {
            List<CostRow> rows = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, rowsSql); ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(CostRows.read(result, query));
                }
            }
            try (PreparedStatement select = prepare(connection, totalSql); ResultSet result = select.executeQuery()) {
                result.next();
                return new CostReport(rows, CostRows.totals(result, 1));
            }
        } catch (SQLException e) {
            if (Failures.OUT_OF_RANGE.equals(e.getSQLState())) {
                // numeric_value_out_of_range: a sum past what an int64 field of the answer can carry.
                throw new TokenLedgerException.FailedPrecondition("SUM_OUT_OF_RANGE", "a sum of this query exceeds"
                        + " 9223372036854775807 (nano-USD or tokens, the answer's int64 fields): query a shorter time"
                        + " range or a narrower scope");
            }
            throw Failures.of("querying costs", e);
        }
    }

    /** Signals a statement rolled back by a deadlock, worth running again. */
    private static final class DeadlockRetry extends RuntimeException {
        private final SQLException cause;

        DeadlockRetry(SQLException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static PreparedStatement prepare(Connection connection, SqlStatement statement) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement.sql());
        for (int i = 0; i < statement.params().size(); i++) {
            prepared.setObject(i + 1, statement.params().get(i));
        }
        return prepared;
    }
}

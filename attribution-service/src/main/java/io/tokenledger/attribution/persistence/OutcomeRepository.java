package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.Outcomes;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.LedgerKey;
import io.tokenledger.attribution.domain.Outcome;
import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.attribution.domain.UnitEconomics;
import io.tokenledger.attribution.domain.UnitEconomicsQuery;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Outcomes and their trace links in PostgreSQL (attribution.outcome, attribution.outcome_trace). */
@ApplicationScoped
public class OutcomeRepository implements Outcomes {

    /** New outcomes, then the links of exactly those: a duplicate's links are left as first recorded. */
    private static final String INSERT = """
            WITH written AS (
              INSERT INTO attribution.outcome (tenant_id, outcome_id, type, occurred_at, dimensions, value_nanos)
              SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::jsonb[], ?::bigint[])
              ON CONFLICT (tenant_id, outcome_id) DO NOTHING RETURNING tenant_id, outcome_id),
            links AS (
              INSERT INTO attribution.outcome_trace (tenant_id, outcome_id, trace_id)
              SELECT k.tenant_id, k.outcome_id, k.trace_id
              FROM unnest(?::text[], ?::text[], ?::text[]) AS k(tenant_id, outcome_id, trace_id)
              JOIN written w ON w.tenant_id = k.tenant_id AND w.outcome_id = k.outcome_id)
            SELECT tenant_id, outcome_id FROM written
            """;

    private final DataSource dataSource;

    public OutcomeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<LedgerKey> insertNew(List<Outcome> outcomes) {
        Set<LedgerKey> written = new HashSet<>();
        if (outcomes.isEmpty()) {
            return written;
        }
        int size = outcomes.size();
        String[][] text = new String[5][size];
        Long[] values = new Long[size];
        List<String[]> links = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Outcome outcome = outcomes.get(i);
            text[0][i] = outcome.tenantId();
            text[1][i] = outcome.outcomeId();
            text[2][i] = outcome.type();
            text[3][i] = outcome.occurredAt().toString();
            text[4][i] = TagsJson.of(new java.util.TreeMap<>(outcome.dimensions()));
            values[i] = outcome.valueNanos().orElse(null);
            for (String trace : outcome.traceIds()) {
                links.add(new String[] {outcome.tenantId(), outcome.outcomeId(), trace});
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int parameter = 1;
            for (String[] column : text) {
                insert.setArray(parameter++, connection.createArrayOf("text", column));
            }
            insert.setArray(parameter++, connection.createArrayOf("bigint", values));
            for (int c = 0; c < 3; c++) {
                String[] column = new String[links.size()];
                for (int r = 0; r < links.size(); r++) {
                    column[r] = links.get(r)[c];
                }
                insert.setArray(parameter++, connection.createArrayOf("text", column));
            }
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    written.add(new LedgerKey(result.getString(1), result.getString(2)));
                }
            }
            return written;
        } catch (SQLException e) {
            throw new TokenLedgerException.Unavailable("OUTCOMES_UNAVAILABLE", "recording outcomes failed", e);
        }
    }

    @Override
    public List<UnitEconomics> unitEconomics(UnitEconomicsQuery query) {
        List<UnitEconomics> rows = new ArrayList<>();
        UnitEconomicsQuery totalQuery = new UnitEconomicsQuery(query.tenantId(), query.start(), query.end(),
                List.of(), query.outcomeType());
        try (Connection connection = dataSource.getConnection()) {
            read(connection, query, rows);
            read(connection, totalQuery, rows);
            return rows;
        } catch (SQLException e) {
            throw new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE", "unit economics failed", e);
        }
    }

    private static void read(Connection connection, UnitEconomicsQuery query, List<UnitEconomics> rows)
            throws SQLException {
        SqlStatement statement = UnitEconomicsSql.of(query);
        try (PreparedStatement select = connection.prepareStatement(statement.sql())) {
            for (int i = 0; i < statement.params().size(); i++) {
                select.setObject(i + 1, statement.params().get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    int column = 1;
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < query.groupBy().size(); i++) {
                        values.add(result.getString(column++));
                    }
                    long cost = result.getLong(column++);
                    long outcomeCost = result.getLong(column++);
                    long requests = result.getLong(column++);
                    long users = result.getLong(column++);
                    long[] tokens = new long[TokenClass.values().length];
                    for (int i = 0; i < tokens.length; i++) {
                        tokens[i] = result.getLong(column++);
                    }
                    long outcomes = result.getLong(column++);
                    long value = result.getLong(column);
                    Optional<Long> outcomeValue = result.wasNull() ? Optional.empty() : Optional.of(value);
                    rows.add(new UnitEconomics(values, cost, outcomeCost, outcomes, outcomeValue, requests, users,
                            Amounts.of(TokenClass.class, tokens)));
                }
            }
        }
    }
}

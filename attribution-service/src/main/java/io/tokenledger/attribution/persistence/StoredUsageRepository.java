package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.StoredUsageSource;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.Period;
import io.tokenledger.attribution.domain.StoredUsage;
import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ledger rows of a period for the savings analyses. Rows stream through a server-side cursor (fetch size 1,000
 * inside a read-only transaction), so a period of millions of rows never sits in memory.
 */
@ApplicationScoped
public class StoredUsageRepository implements StoredUsageSource {

    private static final int FETCH_SIZE = 1_000;
    /** The prompt as billed: fresh input, cache reads and cache writes. */
    private static final String PROMPT =
            "(input_tokens + cached_input_tokens + cache_write_5m_tokens + cache_write_1h_tokens)";
    /** The event a ledger entry belongs to: its own id, or the target of a correction. */
    private static final String EVENT = "CASE WHEN corrects_event_id = '' THEN event_id ELSE corrects_event_id END";
    private static final String MEDIANS = "SELECT feature, percentile_disc(0.5) WITHIN GROUP (ORDER BY " + PROMPT
            + ") FROM " + inForce(Map.of()) + " WHERE pricing_status = 'PRICED' GROUP BY feature";

    private final DataSource dataSource;

    public StoredUsageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The period's entries in force (see V7__corrections.sql): per event, the newest entry of its chain (a USAGE row
     * has no entry_seq and is the oldest) within the period, left out when that is a REVERSAL (voided, or amended
     * into another period). So a corrected event is analysed as corrected, and a voided one not at all.
     * Parameters: tenant, start, end, then the filter values.
     */
    static String inForce(Map<String, String> filters) {
        StringBuilder sql = new StringBuilder("(SELECT * FROM (SELECT DISTINCT ON (" + EVENT + ") *"
                + " FROM attribution.cost_ledger WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?");
        // Column names come from a fixed map in StoredUsageQuery; values are bound.
        filters.keySet().forEach(column -> sql.append(" AND ").append(column).append(" = ?"));
        return sql.append(" ORDER BY ").append(EVENT).append(", entry_seq DESC NULLS LAST) e")
                .append(" WHERE entry_kind <> 'REVERSAL') l").toString();
    }

    static String scanSql(Map<String, String> filters) {
        StringBuilder sql = new StringBuilder("SELECT event_id, occurred_at, provider, model, feature,"
                + " pricing_status = 'PRICED', coalesce(tags->>'latency', '') = 'background', cost_nanos,"
                + " cache_write_5m_nanos + cache_write_1h_nanos, prompt_prefix_hash, prompt_prefix_tokens");
        for (TokenClass tokenClass : TokenClass.values()) {
            sql.append(", ").append(tokenClass.field());
        }
        return sql.append(" FROM ").append(inForce(filters)).append(" ORDER BY occurred_at, event_id").toString();
    }

    @Override
    public void scan(String tenantId, Period period, Map<String, String> filters, Consumer<StoredUsage> consumer) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(scanSql(filters))) {
                statement.setFetchSize(FETCH_SIZE);
                int parameter = bindPeriod(statement, tenantId, period);
                for (String value : filters.values()) {
                    statement.setString(parameter++, value);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(row(rows));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE", "the ledger could not be read", e);
        }
    }

    private static StoredUsage row(ResultSet rows) throws SQLException {
        long[] tokens = new long[TokenClass.values().length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rows.getLong(12 + i);
        }
        return new StoredUsage(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                new ModelRef(rows.getString(3), rows.getString(4)), rows.getString(5), rows.getBoolean(6),
                rows.getBoolean(7), Amounts.of(TokenClass.class, tokens), rows.getLong(8), rows.getLong(9),
                rows.getString(10), rows.getLong(11));
    }

    @Override
    public Map<String, Long> medianPromptTokens(String tenantId, Period period) {
        Map<String, Long> medians = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(MEDIANS)) {
            bindPeriod(statement, tenantId, period);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    medians.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE", "the ledger could not be read", e);
        }
        return medians;
    }

    private static int bindPeriod(PreparedStatement statement, String tenantId, Period period) throws SQLException {
        statement.setString(1, tenantId);
        statement.setObject(2, OffsetDateTime.ofInstant(period.start(), ZoneOffset.UTC));
        statement.setObject(3, OffsetDateTime.ofInstant(period.end(), ZoneOffset.UTC));
        return 4;
    }
}

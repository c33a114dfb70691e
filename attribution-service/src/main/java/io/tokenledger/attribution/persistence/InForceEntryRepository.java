package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.InForceEntries;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.InForceEntry;
import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.PricingStatus;
import io.tokenledger.attribution.domain.ServiceTier;
import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The entries in force by keyset: per event (its own id, or a correction's target) the newest entry of its chain
 * within the period ({@code StoredUsageRepository.inForce}, the same rule GetInsights uses), left out when that is a
 * REVERSAL (voided, or amended into another period). Pages continue after the last event id, so each page reads
 * only from there on ({@code (tenant_id, occurred_at)} index plus a sort of the period's rows after the key).
 */
@ApplicationScoped
public class InForceEntryRepository implements InForceEntries {

    private static final String EVENT = "CASE WHEN corrects_event_id = '' THEN event_id ELSE corrects_event_id END";
    static final String PAGE = pageSql();

    private final DataSource dataSource;

    public InForceEntryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static String pageSql() {
        StringBuilder sql = new StringBuilder("SELECT ev, event_id, entry_kind, occurred_at, provider, model,"
                + " team, feature, customer, user_id, environment,"
                + " ARRAY(SELECT t.key FROM jsonb_each_text(tags) t ORDER BY t.key),"
                + " ARRAY(SELECT t.value FROM jsonb_each_text(tags) t ORDER BY t.key),"
                + " service_tier, price_id, cost_nanos, pricing_status, unpriced_reason");
        for (TokenClass tokenClass : TokenClass.values()) {
            sql.append(", ").append(tokenClass.field());
        }
        sql.append(", list_cost_nanos");
        return sql.append(" FROM (SELECT DISTINCT ON (").append(EVENT).append(") ").append(EVENT).append(" AS ev, *")
                .append(" FROM attribution.cost_ledger WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?")
                .append(" AND ").append(EVENT).append(" > ?")
                .append(" ORDER BY ").append(EVENT).append(", entry_seq DESC NULLS LAST) e")
                .append(" WHERE entry_kind <> 'REVERSAL' ORDER BY ev LIMIT ?").toString();
    }

    @Override
    public List<InForceEntry> page(String tenantId, Instant start, Instant end, String afterEventId, int limit) {
        List<InForceEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PAGE)) {
            statement.setString(1, tenantId);
            statement.setObject(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            statement.setObject(3, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            statement.setString(4, afterEventId);
            statement.setInt(5, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(tenantId, rows));
                }
            }
        } catch (SQLException e) {
            throw new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE", "the ledger could not be read", e);
        }
        return entries;
    }

    private static InForceEntry entry(String tenantId, ResultSet rows) throws SQLException {
        long[] tokens = new long[TokenClass.values().length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rows.getLong(19 + i);
        }
        Dimensions dimensions = new Dimensions(tenantId, rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10), rows.getString(11), tags(rows.getArray(12), rows.getArray(13)));
        return new InForceEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getObject(4, OffsetDateTime.class).toInstant(), new ModelRef(rows.getString(5), rows.getString(6)),
                Amounts.of(TokenClass.class, tokens), dimensions, ServiceTier.valueOf(rows.getString(14)),
                rows.getString(15), rows.getLong(16), PricingStatus.valueOf(rows.getString(17)), rows.getString(18),
                listCost(rows.getLong(19 + tokens.length), rows.wasNull()));
    }

    /** NULL on rows written before V10: unknown. */
    private static java.util.OptionalLong listCost(long value, boolean wasNull) {
        return wasNull ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(value);
    }

    private static Map<String, String> tags(Array keys, Array values) throws SQLException {
        String[] k = (String[]) keys.getArray();
        String[] v = (String[]) values.getArray();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < k.length; i++) {
            tags.put(k[i], v[i]);
        }
        return tags;
    }
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.DryRun;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a period's ledger rows for a dry run, grouped by provider, model, raw labels and stored dimensions (rows
 * that agree on all of these attribute alike, so the dry run evaluates rules once per group, not per row).
 * Counts are {@code SUM(event_count)}: a correction's REVERSAL copies its target's columns (labels included) with
 * negated amounts, so it cancels its target inside the same group and only entries in force remain.
 * A NULL {@code labels} column is reconstructed exactly as {@code domain.RawLabels.reconstruct} does.
 */
final class StoredGroupSql {

    static final String RAW_LABELS = "COALESCE(labels, tags || jsonb_strip_nulls(jsonb_build_object("
            + "'team', NULLIF(team, 'unattributed'), 'feature', NULLIF(feature, 'unattributed'), "
            + "'customer', NULLIF(customer, 'unattributed'), 'user', NULLIF(user_id, 'unattributed'), "
            + "'environment', NULLIF(environment, 'unattributed'))))";

    static final String SQL = "WITH g AS (SELECT provider, model, " + RAW_LABELS + " AS raw, team, feature, customer,"
            + " user_id, environment, tags, SUM(cost_nanos)::bigint AS cost, SUM(event_count)::bigint AS events"
            + " FROM attribution.cost_ledger WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?"
            + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)"
            + " SELECT provider, model, team, feature, customer, user_id, environment, cost, events,"
            + " ARRAY(SELECT t.key FROM jsonb_each_text(raw) t ORDER BY t.key),"
            + " ARRAY(SELECT t.value FROM jsonb_each_text(raw) t ORDER BY t.key),"
            + " ARRAY(SELECT t.key FROM jsonb_each_text(tags) t ORDER BY t.key),"
            + " ARRAY(SELECT t.value FROM jsonb_each_text(tags) t ORDER BY t.key)"
            + " FROM g";

    private StoredGroupSql() {
    }

    static List<DryRun.StoredGroup> read(DataSource dataSource, String tenantId, Instant start, Instant end) {
        List<DryRun.StoredGroup> groups = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SQL)) {
            select.setString(1, tenantId);
            select.setObject(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            select.setObject(3, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Dimensions stored = new Dimensions(tenantId, result.getString(3), result.getString(4),
                            result.getString(5), result.getString(6), result.getString(7), map(result, 12));
                    groups.add(new DryRun.StoredGroup(result.getString(1), result.getString(2), map(result, 10),
                            stored, result.getLong(8), result.getLong(9)));
                }
            }
            return groups;
        } catch (SQLException e) {
            throw Failures.of("reading ledger rows for a dry run", e);
        }
    }

    private static Map<String, String> map(ResultSet result, int keysColumn) throws SQLException {
        String[] keys = (String[]) result.getArray(keysColumn).getArray();
        String[] values = (String[]) result.getArray(keysColumn + 1).getArray();
        Map<String, String> map = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        return map;
    }
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.SharedCosts;
import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.SharedCostItem;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared cost items in attribution.shared_cost_item (V5__shared_costs.sql) and the ledger sums they need. */
@ApplicationScoped
public class SharedCostRepository implements SharedCosts {

    private static final String UPSERT = """
            INSERT INTO attribution.shared_cost_item (tenant_id, item_id, name, kind, amount_nanos, month_start,
                event_ids, fine_tune_job, basis, target_dimension, weight_keys, weight_values)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, item_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                amount_nanos = EXCLUDED.amount_nanos, month_start = EXCLUDED.month_start,
                event_ids = EXCLUDED.event_ids, fine_tune_job = EXCLUDED.fine_tune_job, basis = EXCLUDED.basis,
                target_dimension = EXCLUDED.target_dimension, weight_keys = EXCLUDED.weight_keys,
                weight_values = EXCLUDED.weight_values, updated_at = now()""";
    private static final String LIST = """
            SELECT item_id, name, kind, amount_nanos, to_char(month_start, 'YYYY-MM'), event_ids, fine_tune_job,
                   basis, target_dimension, weight_keys, weight_values
            FROM attribution.shared_cost_item WHERE tenant_id = ? ORDER BY item_id""";
    private static final String DELETE =
            "DELETE FROM attribution.shared_cost_item WHERE tenant_id = ? AND item_id = ?";
    // A job's rows are its training rows only: inference calls that carry the label stay direct cost. Corrections of
    // a job's row (REVERSAL, AMEND, RERATE: non-zero, possibly negative training tokens) belong to the job too.
    private static final String FINE_TUNE_ROWS = """
            SELECT entry_kind || ':' || event_id, cost_nanos FROM attribution.cost_ledger
            WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ? AND training_tokens <> 0
              AND (event_id = ANY(?::text[]) OR corrects_event_id = ANY(?::text[])
                   OR COALESCE(labels, tags) ->> 'fine_tune_job' = ?)""";

    private final DataSource dataSource;

    public SharedCostRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void put(SharedCostItem item) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, item.tenantId());
            upsert.setString(2, item.itemId());
            upsert.setString(3, item.name());
            upsert.setString(4, item.kind().name());
            upsert.setLong(5, item.amountNanos());
            upsert.setObject(6, item.month().isEmpty() ? null : LocalDate.parse(item.month() + "-01"));
            upsert.setArray(7, connection.createArrayOf("text", item.eventIds().toArray()));
            upsert.setString(8, item.fineTuneJob());
            upsert.setString(9, item.basis().name());
            upsert.setString(10, item.targetDimension());
            upsert.setArray(11, connection.createArrayOf("text", item.weights().keySet().toArray()));
            upsert.setArray(12, connection.createArrayOf("bigint", item.weights().values().toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Failures.of("storing a shared cost item", e);
        }
    }

    @Override
    public List<SharedCostItem> list(String tenantId) {
        List<SharedCostItem> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setString(1, tenantId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String[] keys = (String[]) result.getArray(10).getArray();
                    Long[] values = (Long[]) result.getArray(11).getArray();
                    Map<String, Long> weights = new LinkedHashMap<>();
                    for (int i = 0; i < keys.length; i++) {
                        weights.put(keys[i], values[i]);
                    }
                    String month = result.getString(5);
                    items.add(new SharedCostItem(tenantId, result.getString(1), result.getString(2),
                            SharedCostItem.Kind.valueOf(result.getString(3)), result.getLong(4),
                            month == null ? "" : month, RuleRepository.strings(result, 6), result.getString(7),
                            SharedCostItem.Basis.valueOf(result.getString(8)), result.getString(9), weights));
                }
            }
            return items;
        } catch (SQLException e) {
            throw Failures.of("listing shared cost items", e);
        }
    }

    @Override
    public boolean delete(String tenantId, String itemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, tenantId);
            delete.setString(2, itemId);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw Failures.of("deleting a shared cost item", e);
        }
    }

    @Override
    public Map<String, Long> fineTuneRows(SharedCostItem job, Instant start, Instant end) {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(FINE_TUNE_ROWS)) {
            select.setString(1, job.tenantId());
            select.setObject(2, utc(start));
            select.setObject(3, utc(end));
            select.setArray(4, connection.createArrayOf("text", job.eventIds().toArray()));
            select.setArray(5, connection.createArrayOf("text", job.eventIds().toArray()));
            // NULL never equals: a job named by event ids matches no label.
            select.setString(6, job.fineTuneJob().isEmpty() ? null : job.fineTuneJob());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Failures.of("reading a fine-tuning job's rows", e);
        }
    }

    @Override
    public Map<String, Long> directCost(String tenantId, Dimension dimension, Instant start, Instant end,
                                        Collection<String> excludedEventIds) {
        List<Object> params = new ArrayList<>();
        String column = CostQuerySql.column(dimension, params);
        String sql = "SELECT " + column + ", SUM(cost_nanos)::bigint FROM attribution.cost_ledger"
                + " WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?"
                + " AND NOT ((entry_kind || ':' || event_id) = ANY(?::text[])) GROUP BY 1";
        Map<String, Long> direct = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int p = 1;
            for (Object param : params) {
                select.setObject(p++, param);
            }
            select.setString(p++, tenantId);
            select.setObject(p++, utc(start));
            select.setObject(p++, utc(end));
            select.setArray(p, connection.createArrayOf("text", excludedEventIds.toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    direct.put(result.getString(1), result.getLong(2));
                }
            }
            return direct;
        } catch (SQLException e) {
            throw Failures.of("summing direct cost", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

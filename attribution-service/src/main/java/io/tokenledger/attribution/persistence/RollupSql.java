package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.TokenClass;

import java.util.ArrayList;
import java.util.List;

/**
 * The hourly rollups: their tables and keys, the amount columns they sum, and the statement part that adds
 * newly written ledger rows to them (see V2__hourly_rollup.sql; the list cost sum: V11__rollup_list_cost.sql).
 */
final class RollupSql {

    /** One rollup table and the columns of its key after tenant and hour. */
    enum Table {
        // Smallest first: a query reads the first table whose key holds every dimension it names.
        FEATURE("attribution.cost_hourly_feature",
                List.of("provider", "model", "team", "feature", "environment", "pricing_status")),
        FULL("attribution.cost_hourly",
                List.of("provider", "model", "team", "feature", "customer", "user_id", "environment", "pricing_status"));

        final String name;
        final List<String> key;

        Table(String name, List<String> key) {
            this.name = name;
            this.key = key;
        }
    }

    /** The amount columns, shared by ledger and rollups: cost, then usage, then breakdown. */
    static final List<String> AMOUNTS = amounts();

    private RollupSql() {
    }

    private static List<String> amounts() {
        List<String> columns = new ArrayList<>();
        columns.add("cost_nanos");
        for (TokenClass tokenClass : TokenClass.values()) {
            columns.add(tokenClass.field());
        }
        for (CostPart part : CostPart.values()) {
            columns.add(part.field());
        }
        return List.copyOf(columns);
    }

    /** The columns of {@code written} the rollups read (a RETURNING list narrower than {@code *}). */
    static String writtenColumns() {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>(
                List.of("tenant_id", "event_id", "occurred_at", "event_count", "list_cost_nanos"));
        for (Table table : Table.values()) {
            columns.addAll(table.key);
        }
        columns.addAll(AMOUNTS);
        return String.join(", ", columns);
    }

    /** CTEs (", name AS (...)") adding the rows of the CTE {@code written} to every rollup. */
    static String addWritten() {
        StringBuilder ctes = new StringBuilder();
        for (Table table : Table.values()) {
            ctes.append(", rolled_").append(table.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" AS (").append(addWritten(table)).append(")");
        }
        return ctes.toString();
    }

    /**
     * Grouped first (ON CONFLICT DO UPDATE may touch a row only once per statement) and sorted by key, so
     * concurrent batches lock rollup rows in the same order.
     */
    private static String addWritten(Table table) {
        String keys = String.join(", ", table.key);
        StringBuilder columns = new StringBuilder("tenant_id, hour_utc, ").append(keys);
        StringBuilder selected = new StringBuilder("tenant_id, date_trunc('hour', occurred_at, 'UTC'), ").append(keys);
        StringBuilder updates = new StringBuilder();
        List<String> summed = new ArrayList<>(AMOUNTS);
        summed.add("event_count");
        summed.add("unpriced_count");
        summed.add("list_cost_nanos");
        for (String amount : AMOUNTS) {
            selected.append(", SUM(").append(amount).append(")");
        }
        // Event counts sum each entry's event_count (a correction's REVERSAL takes its target's event back).
        selected.append(", SUM(event_count), COALESCE(SUM(event_count) FILTER (WHERE pricing_status = 'UNPRICED'), 0)");
        // A row without a list cost (before V10, or the REVERSAL of one) counts its cost as list cost (V11).
        selected.append(", SUM(COALESCE(list_cost_nanos, cost_nanos))");
        for (String column : summed) {
            columns.append(", ").append(column);
            updates.append(updates.length() == 0 ? "" : ", ")
                    .append(column).append(" = r.").append(column).append(" + EXCLUDED.").append(column);
        }
        String positions = positions(2 + table.key.size());
        return "INSERT INTO " + table.name + " AS r (" + columns + ") SELECT " + selected
                + " FROM written GROUP BY " + positions + " ORDER BY " + positions
                + " ON CONFLICT (tenant_id, hour_utc, " + keys + ") DO UPDATE SET " + updates;
    }

    static String positions(int count) {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            list.append(i == 1 ? "" : ", ").append(i);
        }
        return list.toString();
    }
}

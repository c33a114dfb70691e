package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.ExportQuery;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.TokenClass;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a cost export, read from the hourly rollup {@code cost_hourly} only (the range is whole hours or days,
 * see {@link ExportQuery}). Each rollup row (or day's sum of them) becomes one row per token class with a non-zero
 * quantity or cost, through a lateral VALUES list; the order follows the rollup's primary key, so an hourly export
 * is an index-ordered read, and the rows of one charge (period and key) come one after the other.
 */
final class ExportSql {

    /** The key columns of a row, in output and sort order after the period. */
    static final List<String> KEY = List.of("provider", "model", "team", "feature", "customer", "user_id",
            "environment", "pricing_status");

    private ExportSql() {
    }

    /**
     * Columns: 1 period start, 2..9 {@link #KEY}, 10 class index into {@link ExportQuery#CLASSES}, 11 quantity,
     * 12 cost nanos, 13 events, 14 the charge's list cost (repeated on each of its rows).
     */
    static SqlStatement rows(ExportQuery query) {
        List<Object> params = new ArrayList<>();
        boolean daily = query.granularity() == Granularity.DAY;
        String keys = String.join(", ", KEY);
        StringBuilder inner = new StringBuilder("SELECT ")
                .append(daily ? "date_trunc('day', hour_utc, 'UTC')" : "hour_utc").append(" AS period, ")
                .append(keys);
        for (TokenClass tokenClass : ExportQuery.CLASSES) {
            inner.append(", ").append(sum(tokenClass.field(), daily))
                    .append(", ").append(sum(partOf(tokenClass).field(), daily));
        }
        inner.append(", ").append(daily ? "SUM(event_count)::bigint" : "event_count").append(" AS events")
                .append(", ").append(sum("list_cost_nanos", daily))
                .append(" FROM attribution.cost_hourly WHERE tenant_id = ? AND hour_utc >= ? AND hour_utc < ?");
        params.add(query.tenantId());
        params.add(OffsetDateTime.ofInstant(query.start(), ZoneOffset.UTC));
        params.add(OffsetDateTime.ofInstant(query.end(), ZoneOffset.UTC));
        for (Map.Entry<Dimension, String> filter : query.filters().entrySet()) {
            inner.append(" AND ").append(CostQuerySql.column(filter.getKey(), params)).append(" = ?");
            params.add(filter.getValue());
        }
        if (daily) {
            inner.append(" GROUP BY ").append(RollupSql.positions(1 + KEY.size()));
        }

        StringBuilder values = new StringBuilder();
        for (int i = 0; i < ExportQuery.CLASSES.size(); i++) {
            TokenClass tokenClass = ExportQuery.CLASSES.get(i);
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(", g.").append(tokenClass.field())
                    .append(", g.").append(partOf(tokenClass).field()).append(')');
        }
        String sql = "SELECT g.period, " + prefixed(keys) + ", c.ord, c.quantity, c.nanos, g.events, g.list_cost_nanos"
                + " FROM (" + inner + ") g CROSS JOIN LATERAL (VALUES " + values + ") AS c(ord, quantity, nanos)"
                + " WHERE c.quantity <> 0 OR c.nanos <> 0"
                + " ORDER BY g.period, " + prefixed(keys) + ", c.ord";
        return new SqlStatement(sql, params);
    }

    private static String sum(String column, boolean daily) {
        return daily ? "SUM(" + column + ")::bigint AS " + column : column;
    }

    private static String prefixed(String keys) {
        return "g." + keys.replace(", ", ", g.");
    }

    /** The cost part a class's cost is in: the same name, except requests and web search queries. */
    static CostPart partOf(TokenClass tokenClass) {
        switch (tokenClass) {
            case REQUESTS: return CostPart.REQUEST;
            case WEB_SEARCH_QUERIES: return CostPart.WEB_SEARCH;
            case TRAINING_EPOCHS: throw new IllegalArgumentException("epochs have no cost part");
            default: return CostPart.valueOf(tokenClass.name());
        }
    }
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.RollupPlan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of a cost query answered from a rollup ({@link RollupPlan}): the whole hours come from the smallest
 * rollup table covering the query's dimensions, the partial hours at the edges from the ledger, and the outer
 * query groups, buckets and orders exactly like {@link CostQuerySql}, so both give the same rows.
 */
final class RollupQuerySql {

    private static final String SUMS = sums();

    private RollupQuerySql() {
    }

    private static String sums() {
        StringBuilder sums = new StringBuilder();
        for (String amount : RollupSql.AMOUNTS) {
            sums.append(sums.length() == 0 ? "" : ", ").append("COALESCE(SUM(").append(amount).append("), 0)::bigint");
        }
        return sums.append(", COALESCE(SUM(ev), 0)::bigint, COALESCE(SUM(unp), 0)::bigint").toString();
    }

    /** The rollup table a query reads: the smallest whose key holds every dimension the query names. */
    static RollupSql.Table table(CostQuery query) {
        boolean fine = query.groupBy().stream().anyMatch(RollupQuerySql::needsFull)
                || query.filters().keySet().stream().anyMatch(RollupQuerySql::needsFull);
        return fine ? RollupSql.Table.FULL : RollupSql.Table.FEATURE;
    }

    private static boolean needsFull(Dimension dimension) {
        return dimension.kind() == Dimension.Kind.CUSTOMER || dimension.kind() == Dimension.Kind.USER;
    }

    static SqlStatement rows(CostQuery query, RollupPlan plan) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        int groups = query.groupBy().size();
        for (int i = 1; i <= groups; i++) {
            sql.append('g').append(i).append(", ");
        }
        boolean bucketed = query.granularity() != Granularity.TOTAL;
        if (bucketed) {
            sql.append("date_trunc('").append(unit(query.granularity())).append("', at, ?), ");
            params.add(query.zone().getId());
        }
        sql.append(SUMS).append(" FROM (");
        source(query, plan, sql, params);
        sql.append(") s");
        int keys = groups + (bucketed ? 1 : 0);
        if (keys > 0) {
            sql.append(" GROUP BY ").append(RollupSql.positions(keys));
        }
        sql.append(" ORDER BY ").append(keys + 1).append(" DESC");
        if (keys > 0) {
            sql.append(", ").append(RollupSql.positions(keys));
        }
        if (query.limit() > 0) {
            sql.append(" LIMIT ?");
            params.add(query.limit());
        }
        return new SqlStatement(sql.toString(), params);
    }

    static SqlStatement total(CostQuery query, RollupPlan plan) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMS).append(" FROM (");
        source(query, plan, sql, params);
        return new SqlStatement(sql.append(") s").toString(), params);
    }

    /** The rollup's whole hours, then the ledger's partial hours at each edge, as rows of the same shape. */
    private static void source(CostQuery query, RollupPlan plan, StringBuilder sql, List<Object> params) {
        String amounts = String.join(", ", RollupSql.AMOUNTS);
        sql.append("SELECT ").append(dimensions(query, params)).append("hour_utc AS at, ").append(amounts)
                .append(", event_count AS ev, unpriced_count AS unp FROM ").append(table(query).name)
                .append(" WHERE tenant_id = ?");
        params.add(query.tenantId());
        if (plan.from().isPresent()) {
            sql.append(" AND hour_utc >= ?");
            params.add(timestamp(plan.from().get()));
        }
        sql.append(" AND hour_utc < ?");
        params.add(timestamp(plan.to()));
        filters(query, sql, params);

        Optional<Instant> start = query.start();
        if (start.isPresent() && start.get().isBefore(plan.from().orElseThrow())) {
            edge(query, start.get(), plan.from().get(), amounts, sql, params);
        }
        if (plan.to().isBefore(query.end())) {
            edge(query, plan.to(), query.end(), amounts, sql, params);
        }
    }

    private static void edge(CostQuery query, Instant from, Instant to, String amounts, StringBuilder sql,
                             List<Object> params) {
        sql.append(" UNION ALL SELECT ").append(dimensions(query, params)).append("occurred_at, ").append(amounts)
                .append(", event_count, CASE WHEN pricing_status = 'UNPRICED' THEN event_count ELSE 0 END FROM attribution.cost_ledger")
                .append(" WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?");
        params.add(query.tenantId());
        params.add(timestamp(from));
        params.add(timestamp(to));
        filters(query, sql, params);
    }

    private static String dimensions(CostQuery query, List<Object> params) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < query.groupBy().size(); i++) {
            columns.append(CostQuerySql.column(query.groupBy().get(i), params)).append(" AS g").append(i + 1)
                    .append(", ");
        }
        return columns.toString();
    }

    private static void filters(CostQuery query, StringBuilder sql, List<Object> params) {
        for (Map.Entry<Dimension, String> filter : query.filters().entrySet()) {
            sql.append(" AND ").append(CostQuerySql.column(filter.getKey(), params)).append(" = ?");
            params.add(filter.getValue());
        }
    }

    private static String unit(Granularity granularity) {
        switch (granularity) {
            case HOUR: return "hour";
            case DAY: return "day";
            case WEEK: return "week";
            case MONTH: return "month";
            default: throw new IllegalArgumentException("no bucket for " + granularity);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.TokenClass;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL of a cost query. Dimension names map to fixed column expressions; every value a user
 * sent (tag keys, filter values, zone, times, limit) is a bound parameter. Grouping and ordering use
 * output-column positions, because an expression with a parameter in the select list would not match
 * the "same" expression with another parameter in GROUP BY.
 */
final class CostQuerySql {

    /** The summed columns, in the order every statement selects them (after group values and bucket). */
    static final String SUMS;

    static {
        StringBuilder sums = new StringBuilder("COALESCE(SUM(cost_nanos), 0)::bigint");
        for (TokenClass tokenClass : TokenClass.values()) {
            sums.append(", COALESCE(SUM(").append(tokenClass.field()).append("), 0)::bigint");
        }
        for (CostPart part : CostPart.values()) {
            sums.append(", COALESCE(SUM(").append(part.field()).append("), 0)::bigint");
        }
        // Events in force: a correction's REVERSAL entry carries -1 (see V7__corrections.sql).
        sums.append(", COALESCE(SUM(event_count), 0)::bigint,"
                + " COALESCE(SUM(event_count) FILTER (WHERE pricing_status = 'UNPRICED'), 0)::bigint");
        SUMS = sums.toString();
    }

    private CostQuerySql() {
    }

    /** The grouped rows: group values, then the bucket start (unless TOTAL), then {@link #SUMS}. */
    static SqlStatement rows(CostQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (Dimension dimension : query.groupBy()) {
            sql.append(column(dimension, params)).append(", ");
        }
        boolean bucketed = query.granularity() != Granularity.TOTAL;
        if (bucketed) {
            sql.append("date_trunc('").append(unit(query.granularity())).append("', occurred_at, ?), ");
            params.add(query.zone().getId());
        }
        sql.append(SUMS).append(" FROM attribution.cost_ledger");
        where(query, sql, params);

        int keys = query.groupBy().size() + (bucketed ? 1 : 0);
        if (keys > 0) {
            sql.append(" GROUP BY ").append(positions(1, keys));
        }
        int costPosition = keys + 1;
        sql.append(" ORDER BY ").append(costPosition).append(" DESC");
        if (keys > 0) {
            sql.append(", ").append(positions(1, keys));
        }
        if (query.limit() > 0) {
            sql.append(" LIMIT ?");
            params.add(query.limit());
        }
        return new SqlStatement(sql.toString(), params);
    }

    /** The sums over every matching event, ignoring grouping and limit: {@link #SUMS} only. */
    static SqlStatement total(CostQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMS).append(" FROM attribution.cost_ledger");
        where(query, sql, params);
        return new SqlStatement(sql.toString(), params);
    }

    private static void where(CostQuery query, StringBuilder sql, List<Object> params) {
        sql.append(" WHERE tenant_id = ?");
        params.add(query.tenantId());
        query.start().ifPresent(start -> {
            sql.append(" AND occurred_at >= ?");
            params.add(timestamp(start));
        });
        sql.append(" AND occurred_at < ?");
        params.add(timestamp(query.end()));
        for (Map.Entry<Dimension, String> filter : query.filters().entrySet()) {
            sql.append(" AND ").append(column(filter.getKey(), params)).append(" = ?");
            params.add(filter.getValue());
        }
    }

    /** The fixed expression of a dimension; a tag's key is a parameter and a missing tag is "unattributed". */
    static String column(Dimension dimension, List<Object> params) {
        switch (dimension.kind()) {
            case TEAM: return "team";
            case FEATURE: return "feature";
            case CUSTOMER: return "customer";
            case USER: return "user_id";
            case ENVIRONMENT: return "environment";
            case PROVIDER: return "provider";
            case MODEL: return "model";
            case PRICING_STATUS: return "pricing_status";
            case TAG:
                params.add(dimension.tagKey());
                return "COALESCE(tags->>?, 'unattributed')";
            default:
                throw new IllegalArgumentException("no column for " + dimension);
        }
    }

    private static String unit(Granularity granularity) {
        switch (granularity) {
            case HOUR: return "hour";
            case DAY: return "day";
            case WEEK: return "week"; // ISO weeks: PostgreSQL's week starts on Monday
            case MONTH: return "month";
            default: throw new IllegalArgumentException("no bucket for " + granularity);
        }
    }

    private static String positions(int from, int to) {
        StringBuilder list = new StringBuilder();
        for (int i = from; i <= to; i++) {
            list.append(i == from ? "" : ", ").append(i);
        }
        return list.toString();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

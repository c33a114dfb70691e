package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.attribution.domain.UnitEconomicsQuery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a unit-economics query: the period's calls (grouped), left-joined with the outcomes of the type their
 * traces led to. Columns: group values, cost, outcome cost, requests, distinct users, tokens by class, outcomes,
 * summed outcome value (NULL when none is known).
 */
final class UnitEconomicsSql {

    private UnitEconomicsSql() {
    }

    static SqlStatement of(UnitEconomicsQuery query) {
        List<Object> params = new ArrayList<>();
        int groups = query.groupBy().size();
        StringBuilder dims = new StringBuilder();
        StringBuilder g = new StringBuilder();
        StringBuilder cg = new StringBuilder();
        StringBuilder join = new StringBuilder();
        for (int i = 1; i <= groups; i++) {
            dims.append(CostQuerySql.column(query.groupBy().get(i - 1), params)).append(" AS g").append(i).append(", ");
            g.append(i == 1 ? "" : ", ").append('g').append(i);
            cg.append("c.g").append(i).append(", ");
            join.append(i == 1 ? "" : " AND ").append("o.g").append(i).append(" = c.g").append(i);
        }
        StringBuilder tokens = new StringBuilder();
        StringBuilder tokenSums = new StringBuilder();
        for (TokenClass tokenClass : TokenClass.values()) {
            tokens.append(", ").append(tokenClass.field());
            tokenSums.append(", COALESCE(SUM(c.").append(tokenClass.field()).append("), 0)::bigint AS ")
                    .append(tokenClass.field());
        }
        String groupBy = groups == 0 ? "" : " GROUP BY " + g;
        StringBuilder sql = new StringBuilder("WITH entries AS (SELECT ").append(dims)
                .append("trace_id, user_id, cost_nanos, event_count").append(tokens)
                .append(" FROM attribution.cost_ledger WHERE tenant_id = ?");
        params.add(query.tenantId());
        query.start().ifPresent(start -> {
            sql.append(" AND occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        });
        sql.append(" AND occurred_at < ?)");
        params.add(OffsetDateTime.ofInstant(query.end(), ZoneOffset.UTC));
        // A user or trace belongs to a group only through calls in force there: a voided call's REVERSAL (or the one
        // an amendment moved to another group) copies its user and trace but nets its event count to 0.
        String partition = groups == 0 ? "PARTITION BY " : "PARTITION BY " + g + ", ";
        sql.append(", calls AS (SELECT *, SUM(event_count) OVER (").append(partition)
                .append("user_id) > 0 AS user_in_force, SUM(event_count) OVER (").append(partition)
                .append("trace_id) > 0 AS trace_in_force FROM entries)");
        sql.append(", linked AS (SELECT DISTINCT t.trace_id, o.outcome_id, o.value_nanos FROM attribution.outcome o")
                .append(" JOIN attribution.outcome_trace t ON t.tenant_id = o.tenant_id AND t.outcome_id = o.outcome_id")
                .append(" WHERE o.tenant_id = ? AND o.type = ?)");
        params.add(query.tenantId());
        params.add(query.outcomeType());
        sql.append(", costs AS (SELECT ").append(cg)
                .append("COALESCE(SUM(c.cost_nanos), 0)::bigint AS cost,")
                .append(" COALESCE(SUM(c.cost_nanos) FILTER (WHERE c.trace_id IN (SELECT trace_id FROM linked)), 0)")
                .append("::bigint AS outcome_cost, COALESCE(SUM(c.event_count), 0)::bigint AS call_count,")
                .append(" COUNT(DISTINCT c.user_id) FILTER (WHERE c.user_in_force) AS user_count")
                .append(tokenSums).append(" FROM calls c").append(groups == 0 ? "" : " GROUP BY " + cg.substring(0, cg.length() - 2))
                .append(")");
        sql.append(", outs AS (SELECT ").append(g).append(groups == 0 ? "" : ", ")
                .append("COUNT(*) AS outcomes, SUM(value_nanos)::bigint AS outcome_value FROM (SELECT DISTINCT ").append(cg)
                .append("l.outcome_id, l.value_nanos FROM calls c JOIN linked l ON l.trace_id = c.trace_id")
                .append(" WHERE c.trace_in_force) x")
                .append(groupBy).append(")");
        sql.append(" SELECT ").append(cg).append("c.cost, c.outcome_cost, c.call_count, c.user_count");
        for (TokenClass tokenClass : TokenClass.values()) {
            sql.append(", c.").append(tokenClass.field());
        }
        sql.append(", COALESCE(o.outcomes, 0), o.outcome_value FROM costs c LEFT JOIN outs o ON ")
                .append(groups == 0 ? "TRUE" : join.toString())
                .append(" ORDER BY c.cost DESC");
        for (int i = 1; i <= groups; i++) {
            sql.append(", c.g").append(i);
        }
        return new SqlStatement(sql.toString(), params);
    }
}

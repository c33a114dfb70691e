package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.Granularity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CostQuerySqlTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-02-01T00:00:00Z");

    private static CostQuery query(List<String> groupBy, Map<String, String> filters, Granularity granularity,
                                   String zone, int limit) {
        return CostQuery.parse("acme", Optional.of(START), Optional.of(END), groupBy, filters, granularity, zone,
                limit, END);
    }

    @Test
    void groupsByFixedColumnsAndBindsEveryUserValue() {
        SqlStatement rows = CostQuerySql.rows(query(List.of("user", "tag:region"), Map.of("tag:tier", "gold'--"),
                Granularity.DAY, "Europe/Berlin", 25));

        assertThat(rows.sql()).startsWith("SELECT user_id, COALESCE(tags->>?, 'unattributed'), "
                + "date_trunc('day', occurred_at, ?), COALESCE(SUM(cost_nanos), 0)::bigint");
        assertThat(rows.sql()).endsWith(" FROM attribution.cost_ledger WHERE tenant_id = ? AND occurred_at >= ?"
                + " AND occurred_at < ? AND COALESCE(tags->>?, 'unattributed') = ?"
                + " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3 LIMIT ?");
        // Parameters in the order of their placeholders: select list, where clause, limit.
        assertThat(rows.params()).containsExactly("region", "Europe/Berlin", "acme",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC), "tier", "gold'--", 25);
        assertThat(rows.sql()).doesNotContain("gold", "region", "tier", "Berlin");
    }

    @Test
    void totalWithoutGroupsIsOneRowOrderedByCostOnly() {
        SqlStatement rows = CostQuerySql.rows(query(List.of(), Map.of(), Granularity.TOTAL, "", 0));

        assertThat(rows.sql()).doesNotContain("GROUP BY", "date_trunc", "LIMIT").endsWith(" ORDER BY 1 DESC");
        assertThat(rows.params()).hasSize(3);
    }

    @Test
    void weekBucketsAreIsoWeeksAndMonthBucketsMonths() {
        assertThat(CostQuerySql.rows(query(List.of(), Map.of(), Granularity.WEEK, "UTC", 0)).sql())
                .startsWith("SELECT date_trunc('week', occurred_at, ?), ").contains("GROUP BY 1 ORDER BY 2 DESC, 1");
        assertThat(CostQuerySql.rows(query(List.of(), Map.of(), Granularity.MONTH, "UTC", 0)).sql())
                .startsWith("SELECT date_trunc('month', occurred_at, ?), ");
        assertThat(CostQuerySql.rows(query(List.of(), Map.of(), Granularity.HOUR, "UTC", 0)).sql())
                .startsWith("SELECT date_trunc('hour', occurred_at, ?), ");
    }

    @Test
    void theTotalIgnoresGroupingAndLimitButKeepsFilters() {
        SqlStatement total = CostQuerySql.total(query(List.of("team"), Map.of("model", "gpt-4o"),
                Granularity.DAY, "UTC", 3));

        assertThat(total.sql()).isEqualTo("SELECT " + CostQuerySql.SUMS + " FROM attribution.cost_ledger"
                + " WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ? AND model = ?");
        assertThat(total.params()).hasSize(4).endsWith("gpt-4o");
    }
}

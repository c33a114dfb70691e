package io.tokenledger.attribution.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerInsertTest {

    @Test
    void oneArrayParameterPerColumnAndTheIdempotencyKeyDecidesDuplicates() {
        // 18 text columns (incl. labels, prompt_prefix_hash, service_tier) + cost_nanos + 15 usage columns
        // + 14 breakdown columns + prompt_prefix_tokens + reported_cost_nanos + list_cost_nanos = 51 arrays.
        assertThat(LedgerInsert.SQL.chars().filter(c -> c == '?').count()).isEqualTo(51);
        assertThat(LedgerInsert.SQL)
                .startsWith("WITH written AS (INSERT INTO attribution.cost_ledger (tenant_id, event_id, occurred_at, ")
                .contains("r.occurred_at::timestamptz", "r.tags::jsonb", "r.web_search_queries", "r.web_search_nanos")
                // RETURNING only what the rollups and the caller read, not the labels and tags.
                .contains(" ON CONFLICT (tenant_id, event_id, entry_kind) DO NOTHING RETURNING tenant_id, event_id,"
                        + " occurred_at, event_count, list_cost_nanos, provider, model, team, feature, environment,"
                        + " pricing_status, customer, user_id, cost_nanos, input_tokens,")
                .doesNotContain("RETURNING *")
                // Only the rows written now reach the rollups, in the same statement.
                .contains("INSERT INTO attribution.cost_hourly AS r (", "INSERT INTO attribution.cost_hourly_feature AS r (",
                        " FROM written GROUP BY ", "event_count = r.event_count + EXCLUDED.event_count")
                .endsWith(" SELECT tenant_id, event_id FROM written");
    }
}

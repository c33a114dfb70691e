package io.tokenledger.attribution.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerInsertTest {

    @Test
    void oneArrayParameterPerColumnAndTheIdempotencyKeyDecidesDuplicates() {
        // 15 text columns + cost_nanos + 15 usage columns + 14 breakdown columns = 45 arrays.
        assertThat(LedgerInsert.SQL.chars().filter(c -> c == '?').count()).isEqualTo(45);
        assertThat(LedgerInsert.SQL)
                .startsWith("INSERT INTO attribution.cost_ledger (tenant_id, event_id, occurred_at, ")
                .contains("r.occurred_at::timestamptz", "r.tags::jsonb", "r.web_search_queries", "r.web_search_nanos")
                .endsWith(" ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING tenant_id, event_id");
    }
}

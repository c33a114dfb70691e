package io.tokenledger.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendChargeTest {

    @Test
    void totalTokensSumsEveryTokenClassAndNothingElse() {
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put("input_tokens", 1_000L);
        usage.put("cached_input_tokens", 200L);
        usage.put("output_tokens", 300L);
        usage.put("reasoning_tokens", 50L);
        usage.put("requests", 1L);
        usage.put("web_search_queries", 2L);
        usage.put("training_epochs", 3L);
        // 1000 + 200 + 300 + 50 = 1550; requests, searches and epochs are not tokens.
        assertThat(SpendCharge.totalTokens(usage)).isEqualTo(1_550L);
    }
}

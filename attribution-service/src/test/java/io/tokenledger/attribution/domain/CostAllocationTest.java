package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CostAllocationTest {

    @Test
    void directAndAllocatedSideBySideAddingUpExactly() {
        // Direct: search 6,000,000, chat 3,000,000, unattributed 1,000,000 (sum 10,000,000).
        Map<String, Long> direct = Map.of("search", 6_000_000L, "chat", 3_000_000L, "unattributed", 1_000_000L);
        // Vector index 1,000,000,001 by usage share: search 600,000,000.6, chat 300,000,000.3, unattributed
        // 100,000,000.1 -> floors sum to 1,000,000,000; the 1 left goes to the largest remainder (search, .6).
        CostAllocation.ItemToSplit index = new CostAllocation.ItemToSplit("index", "vector index",
                1_000_000_001L, direct);
        // Cache 7 by weights chat 1 : docs 2 -> 2.33 / 4.67 -> floors 2 + 4, the 1 left to docs (.67).
        CostAllocation.ItemToSplit cache = new CostAllocation.ItemToSplit("cache", "cache", 7,
                Map.of("chat", 1L, "docs", 2L));
        CostAllocation.Report report = CostAllocation.allocate(direct, List.of(index, cache));

        assertThat(report.rows()).extracting(CostAllocation.Row::value)
                .containsExactly("search", "chat", "unattributed", "docs");
        CostAllocation.Row search = report.rows().get(0);
        assertThat(search.allocations()).containsExactly(Map.entry("index", 600_000_001L));
        assertThat(search.totalNanos()).isEqualTo(606_000_001L);
        CostAllocation.Row chat = report.rows().get(1);
        assertThat(chat.allocations()).containsExactly(Map.entry("cache", 2L), Map.entry("index", 300_000_000L));
        assertThat(report.rows().get(2).allocations()).containsExactly(Map.entry("index", 100_000_000L));
        CostAllocation.Row docs = report.rows().get(3);
        assertThat(docs.directNanos()).isZero();
        assertThat(docs.allocations()).containsExactly(Map.entry("cache", 5L));
        assertThat(report.directNanos()).isEqualTo(10_000_000L);
        assertThat(report.allocatedNanos()).isEqualTo(1_000_000_008L);
    }

    @Test
    void anItemWithoutUsageGoesWholeToUnattributed() {
        CostAllocation.Report report = CostAllocation.allocate(Map.of(),
                List.of(new CostAllocation.ItemToSplit("i", "", 42, Map.of())));
        assertThat(report.rows()).singleElement().satisfies(row -> {
            assertThat(row.value()).isEqualTo(Dimensions.UNATTRIBUTED);
            assertThat(row.allocatedNanos()).isEqualTo(42);
        });
    }
}

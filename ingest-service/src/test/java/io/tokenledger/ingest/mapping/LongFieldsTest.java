package io.tokenledger.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongFieldsTest {

    @Test
    void the_tables_list_every_field_of_the_api_in_order() {
        assertThat(LongFields.TOKEN_USAGE).extracting(LongFields.Field::name).containsExactlyElementsOf(
                TokenUsage.getDescriptor().getFields().stream().map(FieldDescriptor::getName).toList());
        assertThat(LongFields.COST_BREAKDOWN).extracting(LongFields.Field::name).containsExactlyElementsOf(
                CostBreakdown.getDescriptor().getFields().stream().map(FieldDescriptor::getName).toList());
    }

    @Test
    void every_field_round_trips_to_its_own_slot() {
        TokenUsage.Builder usage = TokenUsage.newBuilder();
        int n = 1;
        for (FieldDescriptor field : TokenUsage.getDescriptor().getFields()) {
            usage.setField(field, (long) n++);
        }
        Map<String, Long> counts = UsageEventProtos.counts(usage.build());
        assertThat(counts).containsEntry("input_tokens", 1L).containsEntry("web_search_queries", 15L).hasSize(15);
        assertThat(UsageEventProtos.tokenUsage(counts)).isEqualTo(usage.build());

        CostBreakdown.Builder breakdown = CostBreakdown.newBuilder();
        n = 1;
        for (FieldDescriptor field : CostBreakdown.getDescriptor().getFields()) {
            breakdown.setField(field, (long) n++);
        }
        assertThat(UsageEventProtos.costBreakdown(UsageEventProtos.breakdown(breakdown.build())))
                .isEqualTo(breakdown.build());
    }
}

package io.tokenledger.attribution.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.CompareStoredUsageRequest;
import io.tokenledger.api.attribution.v1.CompareStoredUsageResponse;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.GetInsightsRequest;
import io.tokenledger.api.attribution.v1.GetInsightsResponse;
import io.tokenledger.api.attribution.v1.Insight;
import io.tokenledger.api.attribution.v1.InsightKind;
import io.tokenledger.api.attribution.v1.ModelChoice;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.StoredComparison;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetInsights and CompareStoredUsage over rows in the real ledger, priced by {@link FakePricing} (its rates are in
 * its javadoc: big input 2,000 / cached 500 / cache write 2,500 / output 8,000 nano-USD per token, batch half;
 * small 400 / 100 / - / 1,600; tiny 100 / - / - / 400). Every expected amount is worked out below.
 */
@QuarkusTest
class InsightsTest {

    private static final String DAY = "2026-02-01T";

    @GrpcClient("attribution")
    AttributionServiceGrpc.AttributionServiceBlockingStub attribution;

    private String tenant;

    /*
     * chat (openai/big):
     *   c1..c3: 1,000 input + 100 output, prefix p1 of 800 tokens, no cache: 1,000 x 2,000 + 100 x 8,000 = 2,800,000
     *   c4: 10,000 input + 100 output: 20,000,000 + 800,000 = 20,800,000
     *   c5: 200 input + 800 cached + 100 output, prefix p1: 400,000 + 400,000 + 800,000 = 1,600,000
     *   c6: UNPRICED (cost 0)
     * summaries (openai/big, label latency=background):
     *   s1, s2: 2,000 input + 500 output: 4,000,000 + 4,000,000 = 8,000,000
     * rag (openai/big):
     *   r1: 100 input + 4,000 cache write 5m + 10 output: 200,000 + 10,000,000 + 80,000 = 10,280,000
     *   r2: 100 input + 400 cached + 10 output: 200,000 + 200,000 + 80,000 = 480,000
     */
    @BeforeEach
    void ledger() {
        tenant = "ins-" + UUID.randomUUID().toString().substring(0, 8);
        record(row("c1", "09:00:00Z", "chat", 1_000, 0, 0, 100, 2_800_000, 0).setPromptPrefixHash("p1")
                        .setPromptPrefixTokens(800),
                row("c2", "09:01:00Z", "chat", 1_000, 0, 0, 100, 2_800_000, 0).setPromptPrefixHash("p1")
                        .setPromptPrefixTokens(800),
                row("c3", "09:02:00Z", "chat", 1_000, 0, 0, 100, 2_800_000, 0).setPromptPrefixHash("p1")
                        .setPromptPrefixTokens(800),
                row("c4", "09:03:00Z", "chat", 10_000, 0, 0, 100, 20_800_000, 0),
                row("c5", "09:04:00Z", "chat", 200, 800, 0, 100, 1_600_000, 0).setPromptPrefixHash("p1")
                        .setPromptPrefixTokens(800),
                row("c6", "09:05:00Z", "chat", 50, 0, 0, 5, 0, 0)
                        .setPricingStatus(PricingStatus.PRICING_STATUS_UNPRICED).setUnpricedReason("no price"),
                row("s1", "10:00:00Z", "summaries", 2_000, 0, 0, 500, 8_000_000, 0).putLabels("latency", "background"),
                row("s2", "10:01:00Z", "summaries", 2_000, 0, 0, 500, 8_000_000, 0).putLabels("latency", "background"),
                row("r1", "11:00:00Z", "rag", 100, 0, 4_000, 10, 10_280_000, 10_000_000),
                row("r2", "11:01:00Z", "rag", 100, 400, 0, 10, 480_000, 0));
    }

    @Test
    void every_kind_of_saving_is_found_and_sorted_by_saving() {
        GetInsightsResponse response = attribution.getInsights(GetInsightsRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at(DAY + "00:00:00Z")).setEndTime(Records.at("2026-02-02T00:00:00Z"))
                .addCandidates(model("small")).addCandidates(model("tiny")).addCandidates(model("big"))
                .addBackgroundFeatures("rag")
                .build());

        assertThat(response.getInsightsList()).extracting(Insight::getKind, Insight::getFeature,
                        Insight::getSavingNanos)
                .containsExactly(
                        // chat on small: c1..c3 1,000 x 400 + 100 x 1,600 = 560,000 each = 1,680,000;
                        // c4 4,000,000 + 160,000 = 4,160,000; c5 80,000 + 80,000 + 160,000 = 320,000: 6,160,000.
                        // Current 3 x 2,800,000 + 20,800,000 + 1,600,000 = 30,800,000; saving 24,640,000.
                        // (tiny cannot price c5's cached tokens, so it is not suggested although cheaper.)
                        tuple(InsightKind.INSIGHT_KIND_CHEAPER_MODEL, "chat", 24_640_000L),
                        // chat's median prompt is 1,000 (1,000 x 4 and 10,000); c4's 10,000 > 3 x 1,000:
                        // 9,000 excess input x 2,000 = 18,000,000.
                        tuple(InsightKind.INSIGHT_KIND_BLOATED_PROMPT, "chat", 18_000_000L),
                        // summaries on tiny: 2,000 x 100 + 500 x 400 = 400,000 each; 16,000,000 - 800,000.
                        tuple(InsightKind.INSIGHT_KIND_CHEAPER_MODEL, "summaries", 15_200_000L),
                        // summaries on big's batch tier: 2,000 x 1,000 + 500 x 4,000 = 4,000,000 each: 16,000,000 - 8,000,000.
                        tuple(InsightKind.INSIGHT_KIND_BATCH_CANDIDATE, "summaries", 8_000_000L),
                        // rag (named by the request) on batch: r1 100,000 + 5,000,000 + 40,000 = 5,140,000;
                        // r2 100,000 + 100,000 + 40,000 = 240,000; 10,760,000 - 5,380,000.
                        tuple(InsightKind.INSIGHT_KIND_BATCH_CANDIDATE, "rag", 5_380_000L),
                        // p1 sent uncached by c1, c2, c3 (c5 read the cache): 2 repeats x 800 x (2,000 - 500).
                        tuple(InsightKind.INSIGHT_KIND_CACHEABLE_PREFIX, "chat", 2_400_000L),
                        // rag without caching: r1 4,100 x 2,000 + 80,000 = 8,280,000 (2,000,000 less);
                        // r2 500 x 2,000 + 80,000 = 1,080,000 (600,000 more): 1,400,000 net.
                        tuple(InsightKind.INSIGHT_KIND_CACHE_WRITE_NO_PAYBACK, "rag", 1_400_000L),
                        // rag's median prompt is 500 (lower middle of 500 and 4,100); r1's 4,100 > 1,500, excess
                        // 3,600 but only its 100 fresh input tokens can go: 100 x 2,000.
                        tuple(InsightKind.INSIGHT_KIND_BLOATED_PROMPT, "rag", 200_000L));

        Insight cheaper = response.getInsights(0);
        assertThat(cheaper.getSuggestedModel()).isEqualTo(model("small"));
        assertThat(cheaper.getProvider() + "/" + cheaper.getModel()).isEqualTo("openai/big");
        assertThat(cheaper.getEvidenceMap()).containsEntry("events", 5L).containsEntry("current_cost_nanos", 30_800_000L)
                .containsEntry("candidate_cost_nanos", 6_160_000L).containsEntry("candidates_tried", 2L);
        assertThat(cheaper.getSaving().getNanos()).isEqualTo(24_640_000);
        Insight prefix = response.getInsights(5);
        assertThat(prefix.getPromptPrefixHash()).isEqualTo("p1");
        assertThat(prefix.getEvidenceMap()).containsEntry("uncached_calls", 3L).containsEntry("repeats", 2L)
                .containsEntry("prefix_tokens", 800L).containsEntry("cacheable_tokens", 1_600L);
        assertThat(response.getInsights(6).getEvidenceMap()).containsEntry("cache_write_tokens", 4_000L)
                .containsEntry("cache_read_tokens", 400L).containsEntry("cache_write_cost_nanos", 10_000_000L);
        assertThat(response.getInsights(1).getEvidenceMap()).containsEntry("median_prompt_tokens", 1_000L)
                .containsEntry("excess_tokens", 9_000L).containsEntry("bloated_calls", 1L);
    }

    @Test
    void the_limit_keeps_the_largest_savings_and_default_candidates_come_from_the_provider_list() {
        // No candidates: openai's tier-down list holds none of the fake book's models, so no CHEAPER_MODEL; the
        // label latency=background still marks summaries. The two largest of the rest are the bloated chat prompt
        // and the summaries batch saving.
        GetInsightsResponse response = attribution.getInsights(GetInsightsRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at(DAY + "00:00:00Z")).setEndTime(Records.at("2026-02-02T00:00:00Z"))
                .setLimit(2).build());

        assertThat(response.getInsightsList()).extracting(Insight::getKind, Insight::getFeature,
                        Insight::getSavingNanos)
                .containsExactly(tuple(InsightKind.INSIGHT_KIND_BLOATED_PROMPT, "chat", 18_000_000L),
                        tuple(InsightKind.INSIGHT_KIND_BATCH_CANDIDATE, "summaries", 8_000_000L));
    }

    @Test
    void a_bloat_factor_of_5_still_flags_10x_prompts_and_the_period_bounds_the_rows() {
        // Only 09:00..10:00: chat alone; c4 (10,000 > 5 x 1,000) is still bloated.
        GetInsightsResponse response = attribution.getInsights(GetInsightsRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at(DAY + "09:00:00Z")).setEndTime(Records.at(DAY + "10:00:00Z"))
                .setBloatFactor(5).build());

        assertThat(response.getInsightsList()).extracting(Insight::getKind, Insight::getSavingNanos)
                .containsExactly(tuple(InsightKind.INSIGHT_KIND_BLOATED_PROMPT, 18_000_000L),
                        tuple(InsightKind.INSIGHT_KIND_CACHEABLE_PREFIX, 2_400_000L));
    }

    @Test
    void compare_stored_usage_prices_each_event_on_each_candidate() {
        CompareStoredUsageResponse response = attribution.compareStoredUsage(CompareStoredUsageRequest.newBuilder()
                .setTenantId(tenant).setStartTime(Records.at(DAY + "00:00:00Z"))
                .setEndTime(Records.at("2026-02-02T00:00:00Z")).putFilters("feature", "chat")
                .addCandidates(model("small")).addCandidates(model("tiny")).build());

        assertThat(response.getEventCount()).isEqualTo(5);
        assertThat(response.getSkippedUnpricedCount()).isEqualTo(1);
        StoredComparison small = response.getResults(0);
        // See above: 30,800,000 on big vs 6,160,000 on small.
        assertThat(small.getCandidate()).isEqualTo(model("small"));
        assertThat(List.of(small.getEventCount(), small.getUnpricedCount(), small.getSavingNanos()))
                .containsExactly(5L, 0L, 24_640_000L);
        assertThat(small.getCurrentCost().getNanos()).isEqualTo(30_800_000);
        assertThat(small.getCandidateCost().getNanos()).isEqualTo(6_160_000);
        // tiny cannot price c5 (cached input): the other 4 compare 29,200,000 with
        // 3 x (1,000 x 100 + 100 x 400) + 10,000 x 100 + 100 x 400 = 420,000 + 1,040,000 = 1,460,000.
        StoredComparison tiny = response.getResults(1);
        assertThat(List.of(tiny.getEventCount(), tiny.getUnpricedCount(), tiny.getSavingNanos()))
                .containsExactly(4L, 1L, 27_740_000L);
        assertThat(tiny.getCandidateCost().getNanos()).isEqualTo(1_460_000);
        assertThat(tiny.getUnpricedReason()).isEqualTo("no price for openai/tiny");
    }

    @Test
    void compare_stored_usage_without_prompt_caching_shows_what_caching_saved() {
        CompareStoredUsageResponse response = attribution.compareStoredUsage(CompareStoredUsageRequest.newBuilder()
                .setTenantId(tenant).setStartTime(Records.at(DAY + "00:00:00Z"))
                .setEndTime(Records.at("2026-02-02T00:00:00Z")).putFilters("feature", "chat")
                .addCandidates(model("big")).setWithoutPromptCaching(true).build());

        // Only c5 read the cache: 200 input + 800 cached + 100 output on big = 1,600,000 as recorded; without caching
        // 1,000 input x 2,000 + 100 x 8,000 = 2,800,000. c1..c4 price as recorded: 30,800,000 becomes 32,000,000, so
        // caching saved 1,200,000 (saving -1,200,000: going without it would cost more).
        StoredComparison big = response.getResults(0);
        assertThat(List.of(big.getEventCount(), big.getUnpricedCount(), big.getSavingNanos()))
                .containsExactly(5L, 0L, -1_200_000L);
        assertThat(big.getCurrentCost().getNanos()).isEqualTo(30_800_000);
        assertThat(big.getCandidateCost().getNanos()).isEqualTo(32_000_000);
    }

    @Test
    void a_voided_event_is_left_out_and_an_amended_one_is_compared_as_amended() {
        // c4 voided; c1 amended to 2,000 input + 100 output: 4,000,000 + 800,000 = 4,800,000.
        record(CostRecord.newBuilder().setTenantId(tenant).setEventId("v-c4").setCorrectsEventId("c4")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID),
                row("a-c1", "09:00:00Z", "chat", 2_000, 0, 0, 100, 4_800_000, 0).setCorrectsEventId("c1")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_AMEND));

        CompareStoredUsageResponse response = attribution.compareStoredUsage(CompareStoredUsageRequest.newBuilder()
                .setTenantId(tenant).setStartTime(Records.at(DAY + "00:00:00Z"))
                .setEndTime(Records.at("2026-02-02T00:00:00Z")).putFilters("feature", "chat")
                .addCandidates(model("small")).build());

        // In force: a-c1 4,800,000, c2 and c3 2,800,000 each, c5 1,600,000 = 12,000,000. On small: a-c1
        // 2,000 x 400 + 100 x 1,600 = 960,000, c2 and c3 560,000 each, c5 320,000 = 2,400,000.
        StoredComparison small = response.getResults(0);
        assertThat(List.of(response.getEventCount(), small.getEventCount(), small.getSavingNanos()))
                .containsExactly(4L, 4L, 9_600_000L);
        assertThat(small.getCurrentCost().getNanos()).isEqualTo(12_000_000);
        assertThat(small.getCandidateCost().getNanos()).isEqualTo(2_400_000);
    }

    @Test
    void insights_read_only_the_entries_in_force() {
        // c2 voided, c4 amended to 6,000 input + 100 output (12,000,000 + 800,000 = 12,800,000), r2 voided.
        record(CostRecord.newBuilder().setTenantId(tenant).setEventId("v-c2").setCorrectsEventId("c2")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID),
                row("a-c4", "09:03:00Z", "chat", 6_000, 0, 0, 100, 12_800_000, 0).setCorrectsEventId("c4")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_AMEND),
                CostRecord.newBuilder().setTenantId(tenant).setEventId("v-r2").setCorrectsEventId("r2")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID));

        GetInsightsResponse response = attribution.getInsights(GetInsightsRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at(DAY + "00:00:00Z")).setEndTime(Records.at("2026-02-02T00:00:00Z")).build());

        assertThat(response.getInsightsList()).extracting(Insight::getKind, Insight::getFeature,
                        Insight::getSavingNanos)
                .containsExactly(
                        // chat's PRICED prompts in force: c1, c3 1,000, a-c4 6,000, c5 1,000: median 1,000 (the
                        // original 10,000 is gone); 6,000 > 3 x 1,000: 5,000 excess x 2,000 = 10,000,000.
                        tuple(InsightKind.INSIGHT_KIND_BLOATED_PROMPT, "chat", 10_000_000L),
                        // summaries (label latency=background), unchanged: 16,000,000 - 8,000,000.
                        tuple(InsightKind.INSIGHT_KIND_BATCH_CANDIDATE, "summaries", 8_000_000L),
                        // rag without caching, r1 alone (r2's cache read voided): 10,280,000 - 8,280,000.
                        tuple(InsightKind.INSIGHT_KIND_CACHE_WRITE_NO_PAYBACK, "rag", 2_000_000L),
                        // p1 sent uncached by c1 and c3 only: 1 repeat x 800 x (2,000 - 500).
                        tuple(InsightKind.INSIGHT_KIND_CACHEABLE_PREFIX, "chat", 1_200_000L));
        assertThat(response.getInsights(0).getEvidenceMap()).containsEntry("median_prompt_tokens", 1_000L)
                .containsEntry("excess_tokens", 5_000L).containsEntry("bloated_calls", 1L);
        assertThat(response.getInsights(2).getEvidenceMap()).containsEntry("cache_write_tokens", 4_000L)
                .containsEntry("cache_read_tokens", 0L);
        assertThat(response.getInsights(3).getEvidenceMap()).containsEntry("uncached_calls", 2L)
                .containsEntry("repeats", 1L);
    }

    @Test
    void bad_requests_name_their_fields() {
        StatusRuntimeException compare = catchThrowableOfType(() -> attribution.compareStoredUsage(
                CompareStoredUsageRequest.newBuilder().setTenantId(tenant).putFilters("color", "red").build()),
                StatusRuntimeException.class);
        assertThat(compare.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(compare.getMessage()).contains("filters[color]").contains("candidates");

        StatusRuntimeException insights = catchThrowableOfType(() -> attribution.getInsights(
                GetInsightsRequest.newBuilder().setTenantId(tenant).setBloatFactor(1).setLimit(1_001)
                        .addCandidates(ModelChoice.newBuilder().setProvider("openai")).build()),
                StatusRuntimeException.class);
        assertThat(insights.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(insights.getMessage()).contains("bloat_factor").contains("limit").contains("candidates[0].model");
    }

    @Test
    void the_ledger_keeps_the_prompt_prefix_and_rejects_a_bad_one() {
        StatusRuntimeException error = catchThrowableOfType(() -> attribution.recordCosts(RecordCostsRequest
                .newBuilder().addRecords(row("x1", "12:00:00Z", "chat", 10, 0, 0, 1, 28_000, 0)
                        .setPromptPrefixHash("h").setPromptPrefixTokens(11)).build()), StatusRuntimeException.class);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("records[0].prompt_prefix_tokens");
        StatusRuntimeException tooLong = catchThrowableOfType(() -> attribution.recordCosts(RecordCostsRequest
                .newBuilder().addRecords(row("x2", "12:00:00Z", "chat", 10, 0, 0, 1, 28_000, 0)
                        .setPromptPrefixHash("h".repeat(129)).setPromptPrefixTokens(1)).build()),
                StatusRuntimeException.class);
        assertThat(tooLong.getMessage()).contains("records[0].prompt_prefix_hash");
    }

    private static ModelChoice model(String name) {
        return ModelChoice.newBuilder().setProvider("openai").setModel(name).build();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private CostRecord.Builder row(String id, String time, String feature, long input, long cached, long write5m,
                                   long output, long cost, long writeNanos) {
        return CostRecord.newBuilder().setTenantId(tenant).setEventId(id).setOccurredTime(Records.at(DAY + time))
                .setProvider("openai").setModel("big")
                .setUsage(TokenUsage.newBuilder().setInputTokens(input).setCachedInputTokens(cached)
                        .setCacheWrite5MTokens(write5m).setOutputTokens(output))
                .setBreakdown(CostBreakdown.newBuilder().setCacheWrite5MNanos(writeNanos))
                .setCostNanos(cost).setPricingStatus(PricingStatus.PRICING_STATUS_PRICED).setPriceId("p-big")
                .putAllLabels(Map.of("feature", feature, "team", "t"));
    }

    private void record(CostRecord.Builder... rows) {
        RecordCostsRequest.Builder request = RecordCostsRequest.newBuilder();
        for (CostRecord.Builder row : rows) {
            request.addRecords(row);
        }
        attribution.recordCosts(request.build());
    }
}

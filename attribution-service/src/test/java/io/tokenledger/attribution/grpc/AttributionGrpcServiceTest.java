package io.tokenledger.attribution.grpc;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.Granularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordCostsResponse;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tokenledger.attribution.grpc.Records.at;
import static io.tokenledger.attribution.grpc.Records.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * RecordCosts and QueryCost through the real gRPC stub against the real PostgreSQL.
 *
 * <p>The ledger of tenant "acme" (all times UTC; New York is UTC-5 in January):
 * <pre>
 * e1 2026-01-15T04:30Z (NY Jan 14 23:30) openai/gpt-4o      chat      team search region eu
 *    1,000 in x $2.50/1M = 2,500,000 + 500 out x $10/1M = 5,000,000 -> 7,500,000 nano-USD
 * e2 2026-01-15T05:30Z (NY Jan 15 00:30) openai/gpt-4o-mini chat      team search region us
 *    2,000 in x $0.15/1M = 300,000 + 1,000 out x $0.60/1M = 600,000 -> 900,000
 * e3 2026-01-15T12:00Z (NY Jan 15 07:00) anthropic/claude-sonnet-4 summarize (no team, no region)
 *    10,000 in x $3/1M = 30,000,000 + 2,000 out x $15/1M = 30,000,000 -> 60,000,000
 * e4 2026-01-16T03:00Z (NY Jan 15 22:00) openai/gpt-4o      chat      region eu
 *    400 in x $2.50/1M = 1,000,000 + 100 out x $10/1M = 1,000,000 -> 2,000,000
 * e5 2026-01-16T06:00Z (NY Jan 16 01:00) unknown/mystery-1  chat      UNPRICED, 50 in, 10 out -> 0
 * total 7,500,000 + 900,000 + 60,000,000 + 2,000,000 + 0 = 70,400,000 nano-USD = $0.0704, 5 events, 1 unpriced
 * </pre>
 */
@QuarkusTest
class AttributionGrpcServiceTest {

    private static final String JAN = "2026-01-01T00:00:00Z";
    private static final String FEB = "2026-02-01T00:00:00Z";

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @Inject
    MeterRegistry registry;

    static List<CostRecord> acme() {
        return List.of(
                priced("acme", "e1", "2026-01-15T04:30:00Z", "openai", "gpt-4o", 1_000, 2_500_000, 500, 5_000_000,
                        Map.of("team", "search", "feature", "chat", "customer", "c-1", "environment", "prod",
                                "region", "eu")),
                priced("acme", "e2", "2026-01-15T05:30:00Z", "openai", "gpt-4o-mini", 2_000, 300_000, 1_000, 600_000,
                        Map.of("team", "search", "feature", "chat", "region", "us")),
                priced("acme", "e3", "2026-01-15T12:00:00Z", "anthropic", "claude-sonnet-4", 10_000, 30_000_000,
                        2_000, 30_000_000, Map.of("feature", "summarize")),
                priced("acme", "e4", "2026-01-16T03:00:00Z", "openai", "gpt-4o", 400, 1_000_000, 100, 1_000_000,
                        Map.of("feature", "chat", "region", "eu")),
                CostRecord.newBuilder().setTenantId("acme").setEventId("e5").setOccurredTime(at("2026-01-16T06:00:00Z"))
                        .setProvider("unknown").setModel("mystery-1")
                        .setUsage(TokenUsage.newBuilder().setInputTokens(50).setOutputTokens(10))
                        .setPricingStatus(PricingStatus.PRICING_STATUS_UNPRICED).setUnpricedReason("no price for model")
                        .putLabels("feature", "chat").build());
    }

    /** Recording is idempotent, so every test may record the batch; only the first call writes it. */
    @BeforeEach
    void recordAcme() {
        attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(acme()).build());
    }

    private QueryCostRequest.Builder january(String... groupBy) {
        return QueryCostRequest.newBuilder().setTenantId("acme").setStartTime(at(JAN)).setEndTime(at(FEB))
                .addAllGroupBy(List.of(groupBy));
    }

    private static void assertTotal(QueryCostResponse response) {
        assertThat(response.getTotal().getCostNanos()).isEqualTo(70_400_000L);
        assertThat(response.getTotal().getCost()).isEqualTo(
                Money.newBuilder().setCurrencyCode("USD").setUnits(0).setNanos(70_400_000).build());
        assertThat(response.getTotal().getEventCount()).isEqualTo(5);
        assertThat(response.getTotal().getUnpricedCount()).isEqualTo(1);
        assertThat(response.getTotal().getGroupValuesList()).isEmpty();
        assertThat(response.getTotal().hasBucketStartTime()).isFalse();
    }

    private static List<String> summary(QueryCostResponse response) {
        return response.getRowsList().stream()
                .map(row -> String.join("/", row.getGroupValuesList())
                        + (row.hasBucketStartTime() ? " @" + row.getBucketStartTime().getSeconds() : "")
                        + " = " + row.getCostNanos() + " (" + row.getEventCount() + ")")
                .toList();
    }

    @Test
    void reRecordingIsAllDuplicateWithTheDimensionsStoredFirstAndLeavesTheLedgerUnchanged() {
        // Same ids again, e1 now with other labels: the ledger keeps the first attribution.
        List<CostRecord> again = new java.util.ArrayList<>(acme());
        again.set(0, again.get(0).toBuilder().clearLabels().putLabels("team", "other").setCostNanos(1).build());

        RecordCostsResponse response = attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(again).build());

        assertThat(response.getResultsList()).extracting(RecordResult::getEventId)
                .containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(response.getResultsList()).extracting(RecordResult::getStatus)
                .containsOnly(RecordStatus.RECORD_STATUS_DUPLICATE);
        var e1 = response.getResults(0).getDimensions();
        assertThat(List.of(e1.getTenantId(), e1.getTeam(), e1.getFeature(), e1.getCustomer(), e1.getUser(),
                e1.getEnvironment())).containsExactly("acme", "search", "chat", "c-1", "unattributed", "prod");
        assertThat(e1.getTagsMap()).containsExactly(Map.entry("region", "eu"));
        var e3 = response.getResults(2).getDimensions();
        assertThat(e3.getTeam()).isEqualTo("unattributed");
        assertThat(e3.getTagsMap()).isEmpty();

        assertTotal(attribution.queryCost(january().build()));
    }

    @Test
    void aRepeatedEventIdInOneBatchIsRecordedOnce() {
        CostRecord first = priced("globex", "g1", "2026-01-10T10:00:00Z", "openai", "gpt-4.1", 100, 250_000, 0, 0,
                Map.of("team", "a"));
        CostRecord repeat = first.toBuilder().clearLabels().putLabels("team", "b").build();
        CostRecord other = priced("globex", "g2", "2026-01-10T11:00:00Z", "openai", "gpt-4.1", 100, 250_000, 0, 0,
                Map.of());

        RecordCostsResponse response = attribution.recordCosts(
                RecordCostsRequest.newBuilder().addRecords(first).addRecords(repeat).addRecords(other).build());

        assertThat(response.getResultsList()).extracting(RecordResult::getStatus).containsExactly(
                RecordStatus.RECORD_STATUS_RECORDED, RecordStatus.RECORD_STATUS_DUPLICATE,
                RecordStatus.RECORD_STATUS_RECORDED);
        assertThat(response.getResults(1).getDimensions().getTeam()).isEqualTo("a");
        QueryCostResponse globex = attribution.queryCost(QueryCostRequest.newBuilder().setTenantId("globex")
                .setStartTime(at(JAN)).setEndTime(at(FEB)).build());
        // 2 events x 100 in x $2.50/1M = 2 x 250,000 = 500,000 (gpt-4.1 here, so the gpt-4o counters stay acme's)
        assertThat(globex.getTotal().getCostNanos()).isEqualTo(500_000);
        assertThat(globex.getTotal().getEventCount()).isEqualTo(2);
    }

    @Test
    void groupedByFeature() {
        QueryCostResponse response = attribution.queryCost(january("feature").build());

        // summarize = e3 = 60,000,000; chat = 7,500,000 + 900,000 + 2,000,000 + 0 = 10,400,000
        assertThat(summary(response)).containsExactly("summarize = 60000000 (1)", "chat = 10400000 (4)");
        CostRow chat = response.getRows(1);
        // input 1,000 + 2,000 + 400 + 50 = 3,450; output 500 + 1,000 + 100 + 10 = 1,610; requests 1+1+1+0 = 3
        assertThat(chat.getTokens()).isEqualTo(TokenUsage.newBuilder()
                .setInputTokens(3_450).setOutputTokens(1_610).setRequests(3).build());
        // input 2,500,000 + 300,000 + 1,000,000 = 3,800,000; output 5,000,000 + 600,000 + 1,000,000 = 6,600,000
        assertThat(chat.getBreakdown()).isEqualTo(CostBreakdown.newBuilder()
                .setInputNanos(3_800_000).setOutputNanos(6_600_000).build());
        assertThat(chat.getUnpricedCount()).isEqualTo(1);
        assertThat(chat.getCost()).isEqualTo(Money.newBuilder().setCurrencyCode("USD").setNanos(10_400_000).build());
        assertThat(chat.hasBucketStartTime()).isFalse();
        assertTotal(response);
    }

    @Test
    void groupedByFeatureAndModel() {
        QueryCostResponse response = attribution.queryCost(january("feature", "model").build());

        // chat/gpt-4o = e1 + e4 = 7,500,000 + 2,000,000 = 9,500,000
        assertThat(summary(response)).containsExactly(
                "summarize/claude-sonnet-4 = 60000000 (1)",
                "chat/gpt-4o = 9500000 (2)",
                "chat/gpt-4o-mini = 900000 (1)",
                "chat/mystery-1 = 0 (1)");
        assertThat(response.getRows(1).getTokens().getInputTokens()).isEqualTo(1_400);
        assertTotal(response);
    }

    @Test
    void dailyBucketsInNewYorkSplitAtLocalMidnight() {
        QueryCostResponse response = attribution.queryCost(january()
                .setGranularity(Granularity.GRANULARITY_DAY).setTimeZone("America/New_York").build());

        // NY Jan 14 (starts 2026-01-14T05:00Z = 1768366800): e1 = 7,500,000
        // NY Jan 15 (starts 2026-01-15T05:00Z = 1768453200): e2 + e3 + e4 = 900,000 + 60,000,000 + 2,000,000
        // NY Jan 16 (starts 2026-01-16T05:00Z = 1768539600): e5 = 0
        assertThat(summary(response)).containsExactly(
                " @1768453200 = 62900000 (3)",
                " @1768366800 = 7500000 (1)",
                " @1768539600 = 0 (1)");
        assertTotal(response);
    }

    @Test
    void dailyBucketsInUtcForComparison() {
        QueryCostResponse response = attribution.queryCost(january()
                .setGranularity(Granularity.GRANULARITY_DAY).build());

        // UTC Jan 15 (1768435200): e1 + e2 + e3 = 68,400,000; UTC Jan 16 (1768521600): e4 + e5 = 2,000,000
        assertThat(summary(response)).containsExactly(" @1768435200 = 68400000 (3)", " @1768521600 = 2000000 (2)");
    }

    @Test
    void weekMonthAndHourBuckets() {
        // Jan 15 2026 is a Thursday: the ISO week of every event starts Monday 2026-01-12T00:00Z = 1768176000.
        assertThat(summary(attribution.queryCost(january().setGranularity(Granularity.GRANULARITY_WEEK).build())))
                .containsExactly(" @1768176000 = 70400000 (5)");
        // January in Berlin (UTC+1) starts 2025-12-31T23:00Z = 1767222000.
        assertThat(summary(attribution.queryCost(january().setGranularity(Granularity.GRANULARITY_MONTH)
                .setTimeZone("Europe/Berlin").build()))).containsExactly(" @1767222000 = 70400000 (5)");
        // Hours: e1 in 04:00Z (1768449600), e2 in 05:00Z (1768453200), one row per event hour.
        List<String> hours = summary(attribution.queryCost(january().setGranularity(Granularity.GRANULARITY_HOUR)
                .putFilters("team", "search").build()));
        assertThat(hours).containsExactly(" @1768449600 = 7500000 (1)", " @1768453200 = 900000 (1)");
    }

    @Test
    void groupedByTagWithMissingTagsUnattributed() {
        QueryCostResponse response = attribution.queryCost(january("tag:region").build());

        // eu = e1 + e4 = 9,500,000; us = e2 = 900,000; no region = e3 + e5 = 60,000,000
        assertThat(summary(response)).containsExactly(
                "unattributed = 60000000 (2)", "eu = 9500000 (2)", "us = 900000 (1)");
    }

    @Test
    void filtersAndLimitCutRowsButNotTheTotal() {
        QueryCostResponse filtered = attribution.queryCost(january("model").putFilters("team", "search")
                .putFilters("tag:region", "eu").build());
        assertThat(summary(filtered)).containsExactly("gpt-4o = 7500000 (1)");

        QueryCostResponse limited = attribution.queryCost(january("feature", "model").setLimit(2).build());
        assertThat(summary(limited)).containsExactly("summarize/claude-sonnet-4 = 60000000 (1)",
                "chat/gpt-4o = 9500000 (2)");
        assertTotal(limited);

        QueryCostResponse unpriced = attribution.queryCost(january("pricing_status", "provider").build());
        assertThat(summary(unpriced)).containsExactly("PRICED/anthropic = 60000000 (1)",
                "PRICED/openai = 10400000 (3)", "UNPRICED/unknown = 0 (1)");
    }

    @Test
    void anInvalidBatchNamesEveryFieldAndWritesNothing() {
        CostRecord good = priced("acme", "bad-0", "2026-01-20T00:00:00Z", "openai", "gpt-4o", 1, 2_500, 0, 0,
                Map.of());
        CostRecord noTime = good.toBuilder().setEventId("bad-1").clearOccurredTime().build();
        CostRecord negative = good.toBuilder().setEventId("bad-2")
                .setUsage(TokenUsage.newBuilder().setInputTokens(-1)).setCostNanos(-5).build();
        CostRecord noId = good.toBuilder().setEventId("").build();

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> attribution.recordCosts(RecordCostsRequest.newBuilder()
                        .addRecords(good).addRecords(noTime).addRecords(negative).addRecords(noId).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(error)).containsExactly("records[1].occurred_time", "records[2].cost_nanos",
                "records[2].usage.input_tokens", "records[3].event_id");
        assertTotal(attribution.queryCost(january().build()));
    }

    @Test
    void anInvalidQueryNamesTheField() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> attribution.queryCost(january("team", "colour").putFilters("planet", "mars")
                        .setTimeZone("Mars/Olympus_Mons").setGranularity(Granularity.GRANULARITY_DAY).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(error)).containsExactlyInAnyOrder("group_by[1]", "filters[planet]", "time_zone");
    }

    @Test
    void aSumPastAnInt64IsAClearFailedPrecondition() {
        // Two entries of 5 x 10^18 nano-USD each (valid int64s, in rollup cells of their own: other hours and teams;
        // a provider of their own, so that the metrics other tests read stay untouched)
        // sum to 10^19, past 9,223,372,036,854,775,807.
        String tenant = "overflow-" + java.util.UUID.randomUUID();
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(priced(tenant, "h1", "2026-01-10T10:00:00Z", "overflow", "huge", 1, 5_000_000_000_000_000_000L,
                        0, 0, Map.of("team", "a")))
                .addRecords(priced(tenant, "h2", "2026-01-11T10:00:00Z", "overflow", "huge", 1, 5_000_000_000_000_000_000L,
                        0, 0, Map.of("team", "b"))).build());

        StatusRuntimeException e = catchThrowableOfType(() -> attribution.queryCost(QueryCostRequest.newBuilder()
                .setTenantId(tenant).setStartTime(at(JAN)).setEndTime(at(FEB)).build()), StatusRuntimeException.class);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(e.getStatus().getDescription()).contains("exceeds 9223372036854775807")
                .contains("query a shorter time range or a narrower scope");
    }

    @Test
    void costsThatOverflowARollupCellAreRefusedNamingTheCauseAndWriteNothing() {
        // Two entries of 5 x 10^18 nano-USD in the same hour and dimensions: their rollup cell would hold 10^19.
        String tenant = "overflow-" + java.util.UUID.randomUUID();
        StatusRuntimeException e = catchThrowableOfType(() -> attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(priced(tenant, "c1", "2026-01-10T10:00:00Z", "overflow", "huge", 1, 5_000_000_000_000_000_000L,
                        0, 0, Map.of("team", "a")))
                .addRecords(priced(tenant, "c2", "2026-01-10T10:30:00Z", "overflow", "huge", 1, 5_000_000_000_000_000_000L,
                        0, 0, Map.of("team", "a"))).build()), StatusRuntimeException.class);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(e.getStatus().getDescription()).isEqualTo("the database failed while recording costs: a sum exceeds"
                + " 9223372036854775807 (int64 nano-USD or tokens)");
        // Rolled back as a whole: a retry of each alone finds nothing of it.
        assertThat(attribution.recordCosts(RecordCostsRequest.newBuilder().addRecords(priced(tenant, "c1",
                "2026-01-10T10:00:00Z", "overflow", "huge", 1, 5_000_000_000_000_000_000L, 0, 0, Map.of("team", "a")))
                .build()).getResults(0).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_RECORDED);
    }

    @Test
    void metricsCountEachRecordedEventOnce() {
        // Every test re-records the batch; the counters still hold e1 + e4 only once: 1,000 + 400 input tokens.
        assertThat(registry.get("tokenledger.tokens").tags("provider", "openai", "model", "gpt-4o",
                "token_class", "input").counter().count()).isEqualTo(1_400.0);
        assertThat(registry.get("tokenledger.tokens").tags("provider", "anthropic", "model", "claude-sonnet-4",
                "token_class", "output").counter().count()).isEqualTo(2_000.0);
        assertThat(registry.get("tokenledger.cost.nanos").tags("provider", "openai", "model", "gpt-4o")
                .counter().count()).isEqualTo(9_500_000.0);
    }

    private static List<String> fields(StatusRuntimeException error) throws RuntimeException {
        try {
            for (var detail : StatusProto.fromThrowable(error).getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField).toList();
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return List.of();
    }
}

package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;
import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.common.v1.Money;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.ingest.fakes.FakeAttribution;
import io.tokenledger.ingest.fakes.FakePricing;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordUsageTest {

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void healthyDownstream() {
        Fakes.ATTRIBUTION_FAILURE.set(null);
    }

    @Test
    void a_batch_is_priced_recorded_and_charged() {
        String tenant = newTenant();
        double recordedBefore = counter("RECORDED", "PRICED");

        RecordUsageResponse response = ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "e-1", "gpt-5-mini", 4808, 1200).putLabels("environment", "prod")
                        .putLabels("api_key", "key-ops"))
                .addEvents(event(tenant, "e-2", "mystery-model", 10, 10))
                .build());

        // e-1: 4,808 input x $1.00/1M = 4,808,000 nano-USD; 1,200 output x $2.00/1M = 2,400,000 nano-USD;
        // total 7,208,000 nano-USD = $0.007208.
        assertThat(response.getResultsList()).containsExactly(
                EventResult.newBuilder().setEventId("e-1").setStatus(EventStatus.EVENT_STATUS_RECORDED)
                        .setPricingStatus(PricingStatus.PRICING_STATUS_PRICED)
                        .setCost(Money.newBuilder().setCurrencyCode("USD").setUnits(0).setNanos(7_208_000))
                        .setCostNanos(7_208_000).build(),
                EventResult.newBuilder().setEventId("e-2").setStatus(EventStatus.EVENT_STATUS_RECORDED)
                        .setPricingStatus(PricingStatus.PRICING_STATUS_UNPRICED)
                        .setUnpricedReason("unknown model openai/mystery-model")
                        .setCost(Money.newBuilder().setCurrencyCode("USD")).setCostNanos(0).build());

        assertThat(Fakes.pricedFor(tenant)).extracting(i -> i.getItemId()).containsExactly("e-1", "e-2");
        List<CostRecord> records = Fakes.recordedFor(tenant);
        assertThat(records).hasSize(2);
        CostRecord first = records.get(0);
        assertThat(first.getEventId()).isEqualTo("e-1");
        assertThat(first.getModel()).isEqualTo("gpt-5-mini-2025-08-07");
        assertThat(first.getPriceId()).isEqualTo(FakePricing.PRICE_ID);
        assertThat(first.getPricingStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(first.getCostNanos()).isEqualTo(7_208_000);
        assertThat(first.getListCostNanos()).isEqualTo(7_208_000); // no tenant price: list = cost
        assertThat(first.getBreakdown().getInputNanos()).isEqualTo(4_808_000);
        assertThat(first.getBreakdown().getOutputNanos()).isEqualTo(2_400_000);
        assertThat(first.getUsage().getInputTokens()).isEqualTo(4808);
        assertThat(first.getLabelsMap()).containsEntry("ticket", "T-1").containsEntry("environment", "prod");
        assertThat(first.getTraceId()).isEqualTo("trace-e-1");
        assertThat(records.get(1).getUnpricedReason()).isEqualTo("unknown model openai/mystery-model");
        assertThat(records.get(1).getPricingStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(records.get(1).getListCostNanos()).isZero();

        List<SpendCharge> charges = Fakes.chargedFor(tenant);
        assertThat(charges).extracting(SpendCharge::getEventId).containsExactly("e-1", "e-2");
        assertThat(charges.get(0).getCostNanos()).isEqualTo(7_208_000);
        // Budgets can be scoped by the free tags ("tag:<label>") and the api_key label too.
        assertThat(charges.get(0).getDimensionsMap()).isEqualTo(Map.ofEntries(Map.entry("team", "search"),
                Map.entry("feature", "answers"), Map.entry("customer", "globex"), Map.entry("user", "unattributed"),
                Map.entry("environment", "prod"), Map.entry("provider", "openai"),
                Map.entry("model", "gpt-5-mini-2025-08-07"), Map.entry("tag:ticket", "T-1"),
                Map.entry("tag:api_key", "key-ops"), Map.entry("api_key", "key-ops")));
        assertThat(charges.get(1).getDimensionsMap()).containsEntry("model", "mystery-model")
                .containsEntry("environment", "unattributed");

        assertThat(InboxRows.of(dataSource, tenant)).extracting(r -> r.eventId() + " " + r.status() + " "
                + r.pricingStatus() + " " + r.costNanos())
                .containsExactlyInAnyOrder("e-1 DONE PRICED 7208000", "e-2 DONE UNPRICED 0");
        assertThat(counter("RECORDED", "PRICED") - recordedBefore).isEqualTo(1.0);
    }

    @Test
    void an_event_a_downstream_refuses_stays_queued_alone_and_the_others_of_its_batch_complete() {
        String tenant = newTenant();
        RecordUsageRequest.Builder batch = RecordUsageRequest.newBuilder();
        for (int i = 0; i < 10; i++) {
            batch.addEvents(event(tenant, (i == 6 ? FakeAttribution.POISON : "ok-") + i, "gpt-5-mini", 100, 10));
        }

        List<EventResult> results = ingest.recordUsage(batch.build()).getResultsList();

        // Attribution fails every call holding poison-6: halves of 10 -> 5 + 5, the failing 5 -> 2 + 3, the failing 2 -> 1 + 1.
        assertThat(results).extracting(r -> r.getEventId() + " " + r.getStatus()).containsExactly(
                "ok-0 EVENT_STATUS_RECORDED", "ok-1 EVENT_STATUS_RECORDED", "ok-2 EVENT_STATUS_RECORDED",
                "ok-3 EVENT_STATUS_RECORDED", "ok-4 EVENT_STATUS_RECORDED", "ok-5 EVENT_STATUS_RECORDED",
                "poison-6 EVENT_STATUS_QUEUED", "ok-7 EVENT_STATUS_RECORDED", "ok-8 EVENT_STATUS_RECORDED",
                "ok-9 EVENT_STATUS_RECORDED");
        assertThat(Fakes.recordedFor(tenant)).hasSize(9);
        assertThat(Fakes.chargedFor(tenant)).extracting(SpendCharge::getEventId).hasSize(9).doesNotContain("poison-6");
        assertThat(InboxRows.of(dataSource, tenant)).filteredOn(r -> r.status().equals("PENDING"))
                .singleElement().satisfies(r -> {
                    assertThat(r.eventId()).isEqualTo("poison-6");
                    assertThat(r.lastError())
                            .isEqualTo("attribution failed: FAILED_PRECONDITION " + FakeAttribution.SUM_OUT_OF_RANGE);
                });
    }

    @Test
    void a_tenant_price_is_the_cost_and_the_list_cost_reaches_the_ledger_beside_it() {
        String tenant = FakePricing.TENANT_PRICED + newTenant();
        ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "t-1", "gpt-5-mini", 4808, 1200)).build());

        // Public: 4,808 x 1,000 + 1,200 x 2,000 = 4,808,000 + 2,400,000 = 7,208,000 nano-USD (the list cost).
        // Tenant price (half): 4,808 x 500 + 1,200 x 1,000 = 2,404,000 + 1,200,000 = 3,604,000 nano-USD (the cost).
        CostRecord record = Fakes.recordedFor(tenant).get(0);
        assertThat(record.getCostNanos()).isEqualTo(3_604_000);
        assertThat(record.getListCostNanos()).isEqualTo(7_208_000);
        assertThat(Fakes.chargedFor(tenant).get(0).getCostNanos()).isEqualTo(3_604_000);
    }

    @Test
    void resending_a_batch_gives_duplicates_and_nothing_reaches_downstream_again() {
        String tenant = newTenant();
        RecordUsageRequest batch = RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "d-1", "gpt-5-mini", 1000, 0))
                .addEvents(event(tenant, "d-2", "gpt-5-mini", 0, 500))
                .build();
        ingest.recordUsage(batch);
        int priced = Fakes.pricedFor(tenant).size();
        int recorded = Fakes.recordedFor(tenant).size();
        int charged = Fakes.chargedFor(tenant).size();

        RecordUsageResponse again = ingest.recordUsage(batch);

        // d-1: 1,000 x 1,000 nano-USD = 1,000,000; d-2: 500 x 2,000 nano-USD = 1,000,000 (the stored costs).
        assertThat(again.getResultsList()).extracting(EventResult::getEventId, EventResult::getStatus,
                        EventResult::getCostNanos)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d-1", EventStatus.EVENT_STATUS_DUPLICATE, 1_000_000L),
                        org.assertj.core.groups.Tuple.tuple("d-2", EventStatus.EVENT_STATUS_DUPLICATE, 1_000_000L));
        assertThat(Fakes.pricedFor(tenant)).hasSize(priced).hasSize(2);
        assertThat(Fakes.recordedFor(tenant)).hasSize(recorded).hasSize(2);
        assertThat(Fakes.chargedFor(tenant)).hasSize(charged).hasSize(2);
    }

    @Test
    void an_event_repeated_inside_a_batch_is_processed_once() {
        String tenant = newTenant();
        RecordUsageResponse response = ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "r-1", "gpt-5-mini", 3, 0))
                .addEvents(event(tenant, "r-1", "gpt-5-mini", 3, 0))
                .build());

        // 3 input x 1,000 nano-USD = 3,000 nano-USD, reported for the copy as the stored cost.
        assertThat(response.getResultsList()).extracting(EventResult::getStatus, EventResult::getCostNanos)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventStatus.EVENT_STATUS_RECORDED, 3_000L),
                        org.assertj.core.groups.Tuple.tuple(EventStatus.EVENT_STATUS_DUPLICATE, 3_000L));
        assertThat(Fakes.chargedFor(tenant)).hasSize(1);
    }

    @Test
    void one_bad_event_rejects_the_batch_and_nothing_is_written() {
        String tenant = newTenant();
        RecordUsageRequest batch = RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "b-1", "gpt-5-mini", 10, 10))
                .addEvents(event(tenant, "b-2", "gpt-5-mini", 10, 10).setUsage(
                        io.tokenledger.api.common.v1.TokenUsage.newBuilder().setInputTokens(-5).setOutputTokens(3)))
                .addEvents(event(tenant, "b-3", "", 10, 10).putLabels("Bad Key", "x"))
                .build();

        StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest.recordUsage(batch));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest badRequest = StatusProto.fromThrowable(failure).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .map(d -> {
                    try {
                        return d.unpack(BadRequest.class);
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst().orElseThrow();
        assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField,
                        BadRequest.FieldViolation::getDescription)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("events[1].usage.input_tokens", "must be >= 0"),
                        org.assertj.core.groups.Tuple.tuple("events[2].model", "is required"),
                        org.assertj.core.groups.Tuple.tuple("events[2].labels[Bad Key]",
                                "key must be 1..64 characters of [a-z0-9_.:/-]"));
        assertThat(InboxRows.of(dataSource, tenant)).isEmpty();
        assertThat(Fakes.pricedFor(tenant)).isEmpty();
    }

    private double counter(String status, String pricingStatus) {
        var counter = meters.find("tokenledger.ingest.events").tags("status", status, "pricing_status", pricingStatus)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}

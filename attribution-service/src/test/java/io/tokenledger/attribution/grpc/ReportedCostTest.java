package io.tokenledger.attribution.grpc;

import static io.tokenledger.attribution.grpc.Records.at;
import static io.tokenledger.attribution.grpc.Records.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.ReconcileReportedCostRequest;
import io.tokenledger.api.attribution.v1.ReconcileReportedCostResponse;
import io.tokenledger.api.attribution.v1.ReconciliationRow;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.pricing.v1.ServiceTier;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The reported cost and service tier stored with each ledger row, and ReconcileReportedCost over them. */
@QuarkusTest
class ReportedCostTest {

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @Inject
    DataSource dataSource;

    @Test
    void reported_costs_are_stored_beside_ours_and_reconciled_per_model() throws Exception {
        String tenant = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Map.of("team", "search");
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                // OpenRouter reported $0.001038 = 1,038,000 nano-USD; ours 528,000 + 510,000 = 1,038,000.
                .addRecords(priced(tenant, "or-1", "2026-01-15T04:30:00Z", "openrouter", "anthropic/claude-sonnet-4.6",
                        176, 528_000, 34, 510_000, labels).toBuilder()
                        .setReportedCostNanos(1_038_000).setHasReportedCost(true).build())
                // Reported 2,000,000; ours 1,000,000 + 500,000 = 1,500,000; later voided: left out entirely.
                .addRecords(priced(tenant, "or-2", "2026-01-15T05:30:00Z", "openrouter", "anthropic/claude-sonnet-4.6",
                        100, 1_000_000, 10, 500_000, labels).toBuilder()
                        .setReportedCostNanos(2_000_000).setHasReportedCost(true).build())
                // No reported cost: counted as an event, not compared.
                .addRecords(priced(tenant, "or-3", "2026-01-15T06:30:00Z", "openrouter", "anthropic/claude-sonnet-4.6",
                        100, 300_000, 10, 150_000, labels))
                // A reported cost of 0 is a value; our cost 100 + 200 = 300; batch tier.
                .addRecords(priced(tenant, "oa-1", "2026-01-15T07:30:00Z", "openai", "gpt-5-mini", 1, 100, 1, 200,
                        labels).toBuilder().setHasReportedCost(true).setServiceTier(ServiceTier.SERVICE_TIER_BATCH)
                        .build())
                // An UNPRICED event with a reported cost of 5,000.
                .addRecords(CostRecord.newBuilder().setTenantId(tenant).setEventId("un-1")
                        .setOccurredTime(at("2026-01-15T08:30:00Z")).setProvider("openai").setModel("gpt-9")
                        .setPricingStatus(PricingStatus.PRICING_STATUS_UNPRICED).setUnpricedReason("unknown model")
                        .setReportedCostNanos(5_000).setHasReportedCost(true).build())
                // Another UNPRICED event with a reported cost of 7,000 (never corrected).
                .addRecords(CostRecord.newBuilder().setTenantId(tenant).setEventId("un-2")
                        .setOccurredTime(at("2026-01-15T08:40:00Z")).setProvider("openai").setModel("gpt-9")
                        .setPricingStatus(PricingStatus.PRICING_STATUS_UNPRICED).setUnpricedReason("unknown model")
                        .setReportedCostNanos(7_000).setHasReportedCost(true).build())
                // No reported cost, later voided: no event any more.
                .addRecords(priced(tenant, "or-4", "2026-01-15T06:40:00Z", "openrouter", "anthropic/claude-sonnet-4.6",
                        100, 300_000, 10, 150_000, labels))
                // Outside the period.
                .addRecords(priced(tenant, "late-1", "2026-02-15T04:30:00Z", "openai", "gpt-5-mini", 1, 100, 1, 200,
                        labels).toBuilder().setReportedCostNanos(999).setHasReportedCost(true).build())
                .build());
        attribution.recordCosts(RecordCostsRequest.newBuilder().addRecords(CostRecord.newBuilder().setTenantId(tenant)
                .setEventId("void-or-2").setCorrectsEventId("or-2").setCorrection(CorrectionKind.CORRECTION_KIND_VOID))
                .addRecords(CostRecord.newBuilder().setTenantId(tenant).setEventId("void-or-4").setCorrectsEventId("or-4")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID))
                // or-1 amended: 200 input tokens 600,000 + 34 output 510,000 = 1,110,000 (its reported cost stays).
                .addRecords(priced(tenant, "amend-or-1", "2026-01-15T04:30:00Z", "openrouter",
                        "anthropic/claude-sonnet-4.6", 200, 600_000, 34, 510_000, labels).toBuilder()
                        .setCorrectsEventId("or-1").setCorrection(CorrectionKind.CORRECTION_KIND_AMEND))
                // un-1 amended to a priced gpt-5-mini call: 10 x 100 + 10 x 300 = 4,000; now compared as gpt-5-mini.
                .addRecords(priced(tenant, "amend-un-1", "2026-01-15T08:30:00Z", "openai", "gpt-5-mini", 10, 1_000,
                        10, 3_000, labels).toBuilder()
                        .setCorrectsEventId("un-1").setCorrection(CorrectionKind.CORRECTION_KIND_AMEND))
                .build());

        assertThat(stored(tenant)).containsExactly(
                tuple("late-1", 999L, "STANDARD"),
                tuple("oa-1", 0L, "BATCH"),
                tuple("or-1", 1_038_000L, "STANDARD"),
                tuple("or-2", 2_000_000L, "STANDARD"),
                tuple("or-3", null, "STANDARD"),
                tuple("or-4", null, "STANDARD"),
                tuple("un-1", 5_000L, "STANDARD"),
                tuple("un-2", 7_000L, "STANDARD"));

        ReconcileReportedCostResponse january = attribution.reconcileReportedCost(ReconcileReportedCostRequest
                .newBuilder().setTenantId(tenant).setStartTime(at("2026-01-01T00:00:00Z"))
                .setEndTime(at("2026-02-01T00:00:00Z")).build());
        assertThat(january.getRowsList()).extracting(ReconciliationRow::getProvider, ReconciliationRow::getModel,
                ReconciliationRow::getEventCount, ReconciliationRow::getReportedEventCount,
                ReconciliationRow::getReportedCostNanos, ReconciliationRow::getCostNanos,
                ReconciliationRow::getDifferenceNanos, ReconciliationRow::getUnpricedCount).containsExactly(
                // gpt-5-mini: oa-1 reported 0, ours 300; un-1 (amended from gpt-9, UNPRICED) reported 5,000,
                // ours 4,000 in force: 2 events, 5,000 - 4,300 = 700, none unpriced any more.
                tuple("openai", "gpt-5-mini", 2L, 2L, 5_000L, 4_300L, 700L, 0L),
                // gpt-9: un-2 alone, reported 7,000, ours 0 (UNPRICED) -> 7,000.
                tuple("openai", "gpt-9", 1L, 1L, 7_000L, 0L, 7_000L, 1L),
                // or-1, or-3 in force (or-2 and or-4 voided: no events); or-1 the only one reported: 1,038,000
                // against its amended 1,110,000 -> -72,000.
                tuple("openrouter", "anthropic/claude-sonnet-4.6", 2L, 1L, 1_038_000L, 1_110_000L, -72_000L, 0L));
        ReconciliationRow total = january.getTotal();
        // 2 + 1 + 2 = 5 events, 2 + 1 + 1 = 4 reported; 5,000 + 7,000 + 1,038,000 = 1,050,000 reported;
        // 4,300 + 0 + 1,110,000 = 1,114,300 ours; 1,050,000 - 1,114,300 = -64,300.
        assertThat(total.getEventCount()).isEqualTo(5);
        assertThat(total.getReportedEventCount()).isEqualTo(4);
        assertThat(total.getReportedCostNanos()).isEqualTo(1_050_000L);
        assertThat(total.getCostNanos()).isEqualTo(1_114_300L);
        assertThat(total.getDifferenceNanos()).isEqualTo(-64_300L);
        assertThat(total.getUnpricedCount()).isEqualTo(1);
    }

    @Test
    void bad_requests_name_every_field_and_write_nothing() throws Exception {
        StatusRuntimeException query = catchThrowableOfType(StatusRuntimeException.class, () ->
                attribution.reconcileReportedCost(ReconcileReportedCostRequest.newBuilder().build()));
        assertThat(query.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(query)).containsExactly("tenant_id", "start_time", "end_time");

        String tenant = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        StatusRuntimeException record = catchThrowableOfType(StatusRuntimeException.class, () ->
                attribution.recordCosts(RecordCostsRequest.newBuilder().addRecords(priced(tenant, "e1",
                        "2026-01-15T04:30:00Z", "openai", "gpt-5-mini", 1, 100, 1, 200, Map.of()).toBuilder()
                        .setReportedCostNanos(-1).setHasReportedCost(true).setServiceTierValue(99).build()).build()));
        assertThat(record.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(record)).containsExactly("records[0].reported_cost_nanos", "records[0].service_tier");
        assertThat(stored(tenant)).isEmpty();
    }

    private List<org.assertj.core.groups.Tuple> stored(String tenant) throws Exception {
        List<org.assertj.core.groups.Tuple> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT event_id, reported_cost_nanos, service_tier"
                     + " FROM attribution.cost_ledger WHERE tenant_id = ? AND entry_kind = 'USAGE' ORDER BY event_id")) {
            select.setString(1, tenant);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(tuple(result.getString(1), (Long) result.getObject(2), result.getString(3)));
                }
            }
        }
        return rows;
    }

    private static List<String> fields(StatusRuntimeException error) throws Exception {
        BadRequest badRequest = StatusProto.fromThrowable(error).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class);
        return badRequest.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }
}

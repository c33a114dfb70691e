package io.tokenledger.attribution.grpc;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsRequest;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsResponse;
import io.tokenledger.api.attribution.v1.Outcome;
import io.tokenledger.api.attribution.v1.OutcomeResult;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordOutcomesRequest;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.attribution.v1.UnitEconomicsRow;
import io.tokenledger.platform.money.ProtoMoney;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Cost per outcome against a hand calculation. Every call: 1,000 input + 500 cached input + 250 output tokens.
 * support-chat in the period: conv-1 (3,000,000 + 1,000,000 nano-USD) -> outcome t1 worth $0.05;
 * conv-2 (2,000,000) -> t2 (no value); conv-3 (4,000,000) -> no ticket_resolved (only a report_generated);
 * one call without trace (500,000). code-assist: conv-9 (1,000,000), no outcome.
 * Outside the period: conv-7 (9,000,000) -> t3, which must not count.
 */
@QuarkusTest
class UnitEconomicsTest {

    private static final String TENANT = "unit-econ";

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    private static CostRecord call(String id, String time, String feature, String user, String trace, long nanos) {
        CostRecord record = Records.priced(TENANT, id, time, "openai", "gpt-5-mini", 1_000, nanos, 250, 0,
                Map.of("feature", feature, "user", user));
        return record.toBuilder().setTraceId(trace)
                .setUsage(record.getUsage().toBuilder().setCachedInputTokens(500)).build();
    }

    private static Outcome outcome(String id, String type, String trace, long valueNanos) {
        Outcome.Builder outcome = Outcome.newBuilder().setOutcomeId(id).setTenantId(TENANT).setType(type)
                .setOccurredTime(Records.at("2026-02-02T18:00:00Z")).addTraceIds(trace)
                .putDimensions("feature", "support-chat");
        return valueNanos > 0 ? outcome.setValue(ProtoMoney.of(valueNanos)).build() : outcome.build();
    }

    @Test
    void costPerOutcomeCarriesTheCostOfFailures() {
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(call("c1", "2026-02-02T09:00:00Z", "support-chat", "u1", "conv-1", 3_000_000))
                .addRecords(call("c2", "2026-02-02T09:01:00Z", "support-chat", "u1", "conv-1", 1_000_000))
                .addRecords(call("c3", "2026-02-02T09:02:00Z", "support-chat", "u2", "conv-2", 2_000_000))
                .addRecords(call("c4", "2026-02-02T09:03:00Z", "support-chat", "u3", "conv-3", 4_000_000))
                .addRecords(call("c5", "2026-02-02T09:04:00Z", "support-chat", "u3", "", 500_000))
                .addRecords(call("c6", "2026-02-02T09:05:00Z", "code-assist", "u4", "conv-9", 1_000_000))
                .addRecords(call("c7", "2026-02-01T09:00:00Z", "support-chat", "u1", "conv-7", 9_000_000))
                .build());
        // Outcomes arrive hours after their calls; the join is by trace, not by time.
        List<OutcomeResult> results = attribution.recordOutcomes(RecordOutcomesRequest.newBuilder()
                .addOutcomes(outcome("t1", "ticket_resolved", "conv-1", 50_000_000))
                .addOutcomes(outcome("t2", "ticket_resolved", "conv-2", 0))
                .addOutcomes(outcome("r1", "report_generated", "conv-3", 0))
                .addOutcomes(outcome("t3", "ticket_resolved", "conv-7", 0))
                .build()).getResultsList();
        assertThat(results).extracting(OutcomeResult::getStatus).containsOnly(RecordStatus.RECORD_STATUS_RECORDED);
        // Re-sent t1, now linked to conv-3: a duplicate that changes nothing (conv-3 stays a failure).
        assertThat(attribution.recordOutcomes(RecordOutcomesRequest.newBuilder()
                .addOutcomes(outcome("t1", "ticket_resolved", "conv-3", 50_000_000)).build())
                .getResults(0).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_DUPLICATE);

        GetUnitEconomicsResponse response = attribution.getUnitEconomics(GetUnitEconomicsRequest.newBuilder()
                .setTenantId(TENANT).setStartTime(Records.at("2026-02-02T00:00:00Z"))
                .setEndTime(Records.at("2026-02-03T00:00:00Z")).addGroupBy("feature")
                .setOutcomeType("ticket_resolved").build());

        assertThat(response.getRowsList()).extracting(r -> r.getGroupValues(0))
                .containsExactly("support-chat", "code-assist");
        UnitEconomicsRow support = response.getRows(0);
        // cost = 3,000,000 + 1,000,000 + 2,000,000 + 4,000,000 + 500,000 = 10,500,000
        assertThat(ProtoMoney.toNanos(support.getCost())).isEqualTo(10_500_000);
        // outcome cost = conv-1 + conv-2 = 6,000,000; failures = conv-3 + the untraced call = 4,500,000
        assertThat(ProtoMoney.toNanos(support.getOutcomeCost())).isEqualTo(6_000_000);
        assertThat(ProtoMoney.toNanos(support.getFailureCost())).isEqualTo(4_500_000);
        // 2 tickets: 10,500,000 / 2 = 5,250,000 per resolved ticket
        assertThat(support.getOutcomeCount()).isEqualTo(2);
        assertThat(ProtoMoney.toNanos(support.getCostPerOutcome())).isEqualTo(5_250_000);
        // value known for t1 only: 50,000,000 - 10,500,000 = 39,500,000
        assertThat(ProtoMoney.toNanos(support.getOutcomeValue())).isEqualTo(50_000_000);
        assertThat(ProtoMoney.toNanos(support.getMargin())).isEqualTo(39_500_000);
        // 5 requests: 2,100,000 each; 3 users (u1, u2, u3): 3,500,000 each
        assertThat(support.getRequestCount()).isEqualTo(5);
        assertThat(ProtoMoney.toNanos(support.getCostPerRequest())).isEqualTo(2_100_000);
        assertThat(support.getUserCount()).isEqualTo(3);
        assertThat(ProtoMoney.toNanos(support.getCostPerUser())).isEqualTo(3_500_000);
        // prompt = 1,000 + 500 = 1,500 per request; 1,500 : 250 = 6; cache hit share 500 / 1,500
        assertThat(support.getTokensPerRequest()).isEqualTo(1_500.0);
        assertThat(support.getPromptCompletionRatio()).isEqualTo(6.0);
        assertThat(support.getCacheHitShare()).isCloseTo(1.0 / 3, within(1e-12));

        UnitEconomicsRow code = response.getRows(1);
        assertThat(ProtoMoney.toNanos(code.getCost())).isEqualTo(1_000_000);
        assertThat(code.getOutcomeCount()).isZero();
        assertThat(code.hasCostPerOutcome()).isFalse();
        assertThat(code.hasMargin()).isFalse();
        // Total: 11,500,000 / 2 tickets = 5,750,000
        assertThat(ProtoMoney.toNanos(response.getTotal().getCost())).isEqualTo(11_500_000);
        assertThat(response.getTotal().getOutcomeCount()).isEqualTo(2);
        assertThat(ProtoMoney.toNanos(response.getTotal().getCostPerOutcome())).isEqualTo(5_750_000);
    }

    @Test
    void correctedCallsCountAsCorrected() {
        String tenant = "unit-econ-corr";
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(traced(tenant, "c1", "support-chat", "u1", "conv-1", 3_000_000))
                .addRecords(traced(tenant, "c2", "support-chat", "u2", "conv-2", 2_000_000))
                .addRecords(traced(tenant, "c3", "support-chat", "u3", "conv-3", 4_000_000))
                .addRecords(traced(tenant, "c4", "support-chat", "u1", "", 500_000))
                .build());
        attribution.recordOutcomes(RecordOutcomesRequest.newBuilder()
                .addOutcomes(ticket(tenant, "t1", "conv-1", 50_000_000))
                .addOutcomes(ticket(tenant, "t2", "conv-2", 0))
                .build());
        // c2 voided (its REVERSAL keeps u2 and conv-2); c3 amended into code-assist at 1,000,000 (u3, conv-3).
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(CostRecord.newBuilder().setTenantId(tenant).setEventId("v-c2").setCorrectsEventId("c2")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID))
                .addRecords(traced(tenant, "a-c3", "code-assist", "u3", "conv-3", 1_000_000).toBuilder()
                        .setCorrectsEventId("c3").setCorrection(CorrectionKind.CORRECTION_KIND_AMEND))
                .build());

        GetUnitEconomicsResponse response = attribution.getUnitEconomics(GetUnitEconomicsRequest.newBuilder()
                .setTenantId(tenant).setStartTime(Records.at("2026-02-02T00:00:00Z"))
                .setEndTime(Records.at("2026-02-03T00:00:00Z")).addGroupBy("feature")
                .setOutcomeType("ticket_resolved").build());

        assertThat(response.getRowsList()).extracting(r -> r.getGroupValues(0))
                .containsExactly("support-chat", "code-assist");
        UnitEconomicsRow chat = response.getRows(0);
        // support-chat in force: c1 3,000,000 + c4 500,000 = 3,500,000 (c2 and c3 net 0); 2 requests, 1 user (u1:
        // u2's call is voided, u3's moved); 1 ticket (t2's only call is voided): 3,500,000 per ticket.
        assertThat(ProtoMoney.toNanos(chat.getCost())).isEqualTo(3_500_000);
        assertThat(chat.getRequestCount()).isEqualTo(2);
        assertThat(chat.getUserCount()).isEqualTo(1);
        assertThat(chat.getOutcomeCount()).isEqualTo(1);
        assertThat(ProtoMoney.toNanos(chat.getOutcomeCost())).isEqualTo(3_000_000);
        assertThat(ProtoMoney.toNanos(chat.getCostPerOutcome())).isEqualTo(3_500_000);
        // code-assist: a-c3 alone, 1 request, 1 user (u3), no ticket.
        UnitEconomicsRow code = response.getRows(1);
        assertThat(List.of(ProtoMoney.toNanos(code.getCost()), code.getRequestCount(), code.getUserCount(),
                code.getOutcomeCount())).containsExactly(1_000_000L, 1L, 1L, 0L);
        // Total: 4,500,000, 3 requests, 2 users, 1 ticket.
        assertThat(ProtoMoney.toNanos(response.getTotal().getCost())).isEqualTo(4_500_000);
        assertThat(response.getTotal().getOutcomeCount()).isEqualTo(1);
        assertThat(response.getTotal().getUserCount()).isEqualTo(2);
        assertThat(response.getTotal().getRequestCount()).isEqualTo(3);
    }

    private static CostRecord traced(String tenant, String id, String feature, String user, String trace,
                                     long nanos) {
        return Records.priced(tenant, id, "2026-02-02T09:00:00Z", "openai", "gpt-5-mini", 1_000, nanos, 250, 0,
                Map.of("feature", feature, "user", user)).toBuilder().setTraceId(trace).build();
    }

    private static Outcome ticket(String tenant, String id, String trace, long valueNanos) {
        return outcome(id, "ticket_resolved", trace, valueNanos).toBuilder().setTenantId(tenant).build();
    }

    @Test
    void invalidOutcomesAndQueriesNameTheirFields() {
        assertThatThrownBy(() -> attribution.recordOutcomes(RecordOutcomesRequest.newBuilder()
                .addOutcomes(Outcome.newBuilder().setTenantId(TENANT).setType("x").addTraceIds("")).build()))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
        assertThatThrownBy(() -> attribution.getUnitEconomics(GetUnitEconomicsRequest.newBuilder()
                .setTenantId(TENANT).addGroupBy("tag:x").build()))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
    }
}

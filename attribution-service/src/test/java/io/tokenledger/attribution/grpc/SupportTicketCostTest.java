package io.tokenledger.attribution.grpc;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsRequest;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsResponse;
import io.tokenledger.api.attribution.v1.Outcome;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordOutcomesRequest;
import io.tokenledger.api.attribution.v1.UnitEconomicsRow;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.platform.money.ProtoMoney;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's cost per resolved support ticket (cli ReportBuilder.costPerOutcome: GetUnitEconomics by feature over
 * the day, outcome type ticket_resolved) against a hand calculation, on the real PostgreSQL. The calls are shaped
 * like the demo's: support-chat on openai/gpt-5-mini, conversations per customer with trace ids
 * "support-chat/&lt;customer&gt;/conv-&lt;n&gt;", outcomes "ticket_resolved:&lt;trace&gt;"; code-assist on
 * mistral/codestral-latest without trace ids. UnitEconomicsTest covers the rest of the rules (other outcome types,
 * calls outside the period, re-sent outcomes, corrections, per-user figures).
 *
 * <p>Catalog list prices (pricing-service catalog/prices.csv) per 1M tokens, so per token in nano-USD:
 * gpt-5-mini $0.25 in = 250, $0.025 cached in = 25, $2.00 out = 2,000; codestral-latest $1.00 in = 1,000,
 * $3.00 out = 3,000. Calls on 2026-03-09 (UTC), as input + cached input + output tokens:
 * <pre>
 * A support-chat/cust-001/conv-0: resolved 14:00 (5 h after), value $0.01 = 10,000,000
 *   a1 09:00 1,200 + 0 + 300:       300,000 +      0 +   600,000 =   900,000
 *   a2 09:03   400 + 1,200 + 250:   100,000 + 30,000 +   500,000 =   630,000   A = 1,530,000
 * B support-chat/cust-001/conv-1: no outcome (a failure)
 *   b1 09:10 2,000 + 0 + 500:       500,000 +      0 + 1,000,000 = 1,500,000
 *   b2 09:12   300 + 2,000 + 150:    75,000 + 50,000 +   300,000 =   425,000   B = 1,925,000
 * C support-chat/cust-002/conv-0: resolved 02:00 the next day (after the period), no value
 *   c1 09:20   800 + 0 + 200:       200,000 +      0 +   400,000 =   600,000   C =   600,000
 * D support-chat/cust-003/conv-0: resolved 12:00 (2.5 h after), value $0.002 = 2,000,000
 *   d1 09:30 1,000 + 500 + 99:      250,000 + 12,500 +   198,000 =   460,500
 *   d2 09:31   100 + 1,500 + 1:      25,000 + 37,500 +     2,000 =    64,500   D =   525,000
 * e1 09:40 code-assist cust-002, no trace: 500 in x 1,000 = 500,000 + 100 out x 3,000 = 300,000 = 800,000
 * </pre>
 */
@QuarkusTest
class SupportTicketCostTest {

    private static final String TENANT = "acme-tickets";
    private static final String DAY = "2026-03-09T00:00:00Z";
    private static final String NEXT_DAY = "2026-03-10T00:00:00Z";

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @BeforeEach
    void recordTheDay() {
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(chat("a1", "09:00", "cust-001", "conv-0", 1_200, 0, 300, 300_000, 0, 600_000))
                .addRecords(chat("a2", "09:03", "cust-001", "conv-0", 400, 1_200, 250, 100_000, 30_000, 500_000))
                .addRecords(chat("b1", "09:10", "cust-001", "conv-1", 2_000, 0, 500, 500_000, 0, 1_000_000))
                .addRecords(chat("b2", "09:12", "cust-001", "conv-1", 300, 2_000, 150, 75_000, 50_000, 300_000))
                .addRecords(chat("c1", "09:20", "cust-002", "conv-0", 800, 0, 200, 200_000, 0, 400_000))
                .addRecords(chat("d1", "09:30", "cust-003", "conv-0", 1_000, 500, 99, 250_000, 12_500, 198_000))
                .addRecords(chat("d2", "09:31", "cust-003", "conv-0", 100, 1_500, 1, 25_000, 37_500, 2_000))
                .addRecords(call("e1", "09:40", "devtools", "code-assist", "cust-002", "mistral", "codestral-latest",
                        "", 500, 0, 100, 500_000, 0, 300_000))
                .build());
        // Recorded after the calls, each hours after its conversation ended.
        attribution.recordOutcomes(RecordOutcomesRequest.newBuilder()
                .addOutcomes(ticket("cust-001", "conv-0", "2026-03-09T14:00:00Z", 10_000_000))
                .addOutcomes(ticket("cust-002", "conv-0", "2026-03-10T02:00:00Z", 0))
                .addOutcomes(ticket("cust-003", "conv-0", "2026-03-09T12:00:00Z", 2_000_000))
                .build());
    }

    @Test
    void costPerResolvedTicketByFeatureAsTheDemoAsksForIt() {
        GetUnitEconomicsResponse response = unitEconomics("feature");

        assertThat(response.getRowsList()).extracting(r -> r.getGroupValues(0))
                .containsExactly("support-chat", "code-assist");
        // support-chat: cost A + B + C + D = 1,530,000 + 1,925,000 + 600,000 + 525,000 = 4,580,000;
        // resolved A, C, D = 2,655,000; failures B = 1,925,000; 3 tickets: 4,580,000 / 3 = 1,526,666.67 -> 1,526,667;
        // known values 10,000,000 + 2,000,000 (C has none) - 4,580,000 = 7,420,000.
        assertRow(response.getRows(0), 4_580_000, 2_655_000, 1_925_000, 3, 1_526_667L, 7_420_000L);
        // 7 requests: 4,580,000 / 7 = 654,285.71 -> 654,286
        assertThat(ProtoMoney.toNanos(response.getRows(0).getCostPerRequest())).isEqualTo(654_286);
        // code-assist: e1 alone, no trace, so all of it is failure cost; no ticket, no cost per ticket, no margin.
        assertRow(response.getRows(1), 800_000, 0, 800_000, 0, null, null);
        // The whole day: 5,380,000 / 3 tickets = 1,793,333.33 -> 1,793,333; failures 1,925,000 + 800,000 = 2,725,000;
        // 12,000,000 - 5,380,000 = 6,620,000.
        assertRow(response.getTotal(), 5_380_000, 2_655_000, 2_725_000, 3, 1_793_333L, 6_620_000L);
    }

    @Test
    void costPerResolvedTicketByCustomer() {
        GetUnitEconomicsResponse response = unitEconomics("customer");

        assertThat(response.getRowsList()).extracting(r -> r.getGroupValues(0))
                .containsExactly("cust-001", "cust-002", "cust-003");
        // cust-001: A + B = 3,455,000, one ticket (A), failure B; 10,000,000 - 3,455,000 = 6,545,000.
        assertRow(response.getRows(0), 3_455_000, 1_530_000, 1_925_000, 1, 3_455_000L, 6_545_000L);
        // cust-002: C 600,000 + e1 800,000 (code-assist counts for the customer) = 1,400,000, one ticket (C), whose
        // value is unknown: no margin.
        assertRow(response.getRows(1), 1_400_000, 600_000, 800_000, 1, 1_400_000L, null);
        // cust-003: D = 525,000, one ticket; 2,000,000 - 525,000 = 1,475,000.
        assertRow(response.getRows(2), 525_000, 525_000, 0, 1, 525_000L, 1_475_000L);
        assertRow(response.getTotal(), 5_380_000, 2_655_000, 2_725_000, 3, 1_793_333L, 6_620_000L);
    }

    @Test
    void costPerResolvedTicketByModel() {
        GetUnitEconomicsResponse response = unitEconomics("model");

        assertThat(response.getRowsList()).extracting(r -> r.getGroupValues(0))
                .containsExactly("gpt-5-mini", "codestral-latest");
        // gpt-5-mini carries every support-chat call: the same figures as the support-chat row.
        assertRow(response.getRows(0), 4_580_000, 2_655_000, 1_925_000, 3, 1_526_667L, 7_420_000L);
        assertRow(response.getRows(1), 800_000, 0, 800_000, 0, null, null);
    }

    private GetUnitEconomicsResponse unitEconomics(String groupBy) {
        return attribution.getUnitEconomics(GetUnitEconomicsRequest.newBuilder().setTenantId(TENANT)
                .setStartTime(Records.at(DAY)).setEndTime(Records.at(NEXT_DAY)).addGroupBy(groupBy)
                .setOutcomeType("ticket_resolved").build());
    }

    /** Money in nano-USD; a null cost per outcome or margin means the field must be unset. */
    private static void assertRow(UnitEconomicsRow row, long cost, long outcomeCost, long failureCost, long outcomes,
                                  Long costPerOutcome, Long margin) {
        assertThat(List.of(ProtoMoney.toNanos(row.getCost()), ProtoMoney.toNanos(row.getOutcomeCost()),
                ProtoMoney.toNanos(row.getFailureCost()), row.getOutcomeCount()))
                .as("cost, outcome cost, failure cost, outcomes of %s", row.getGroupValuesList())
                .containsExactly(cost, outcomeCost, failureCost, outcomes);
        assertThat(row.hasCostPerOutcome() ? ProtoMoney.toNanos(row.getCostPerOutcome()) : null)
                .as("cost per outcome").isEqualTo(costPerOutcome);
        assertThat(row.hasMargin() ? ProtoMoney.toNanos(row.getMargin()) : null).as("margin").isEqualTo(margin);
    }

    private static CostRecord chat(String id, String time, String customer, String conversation, long input,
                                   long cached, long output, long inputNanos, long cachedNanos, long outputNanos) {
        return call(id, time, "customer-success", "support-chat", customer, "openai", "gpt-5-mini",
                "support-chat/" + customer + "/" + conversation, input, cached, output, inputNanos, cachedNanos,
                outputNanos);
    }

    /** A call at list price (list cost = cost), with the labels the demo gives its events. */
    private static CostRecord call(String id, String time, String team, String feature, String customer,
                                   String provider, String model, String trace, long input, long cached, long output,
                                   long inputNanos, long cachedNanos, long outputNanos) {
        long cost = inputNanos + cachedNanos + outputNanos;
        return CostRecord.newBuilder().setTenantId(TENANT).setEventId(id)
                .setOccurredTime(Records.at("2026-03-09T" + time + ":00Z")).setProvider(provider).setModel(model)
                .setUsage(TokenUsage.newBuilder().setInputTokens(input).setCachedInputTokens(cached)
                        .setOutputTokens(output).setRequests(1))
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(inputNanos).setCachedInputNanos(cachedNanos)
                        .setOutputNanos(outputNanos))
                .setCostNanos(cost).setListCostNanos(cost).setPricingStatus(PricingStatus.PRICING_STATUS_PRICED)
                .setPriceId(provider + "/" + model).setTraceId(trace)
                .putLabels("team", team).putLabels("feature", feature).putLabels("customer", customer)
                .putLabels("environment", "prod").build();
    }

    private static Outcome ticket(String customer, String conversation, String time, long valueNanos) {
        String trace = "support-chat/" + customer + "/" + conversation;
        Outcome.Builder outcome = Outcome.newBuilder().setOutcomeId("ticket_resolved:" + trace).setTenantId(TENANT)
                .setType("ticket_resolved").setOccurredTime(Records.at(time)).addTraceIds(trace)
                .putDimensions("feature", "support-chat").putDimensions("customer", customer);
        return valueNanos > 0 ? outcome.setValue(ProtoMoney.of(valueNanos)).build() : outcome.build();
    }
}

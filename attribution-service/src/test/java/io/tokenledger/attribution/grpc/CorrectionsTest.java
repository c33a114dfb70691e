package io.tokenledger.attribution.grpc;

import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.Granularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.persistence.LedgerRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tokenledger.attribution.grpc.Records.at;
import static io.tokenledger.attribution.grpc.Records.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Corrections through RecordCosts against the real PostgreSQL: the ledger only grows, and every sum (QueryCost from
 * the rollups, a ledger scan) equals the entries in force. Each test uses its own tenant and a model no other test
 * records, so that shared metrics and tenants are untouched.
 *
 * <p>The target "e" (2026-01-15T04:30Z, team search): 1,000 in x $2.50/1M = 2,500,000 + 500 out x $10/1M =
 * 5,000,000 -> 7,500,000 nano-USD.
 */
@QuarkusTest
class CorrectionsTest {

    private static final String MODEL = "corr-model";
    private static final long E_COST = 7_500_000;

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @Inject
    LedgerRepository ledger;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private static String tenant() {
        return "corr-" + UUID.randomUUID();
    }

    private static CostRecord target(String tenant) {
        return priced(tenant, "e", "2026-01-15T04:30:00Z", "corrtest", MODEL, 1_000, 2_500_000, 500, 5_000_000,
                Map.of("team", "search", "feature", "chat"));
    }

    private static CostRecord amend(String tenant, String id, String target, long input, long inputNanos, long output,
                                    long outputNanos, Map<String, String> labels) {
        return priced(tenant, id, "2026-01-15T04:30:00Z", "corrtest", MODEL, input, inputNanos, output, outputNanos,
                labels).toBuilder().setCorrectsEventId(target).setCorrection(CorrectionKind.CORRECTION_KIND_AMEND)
                .build();
    }

    private static CostRecord voiding(String tenant, String id, String target) {
        return CostRecord.newBuilder().setTenantId(tenant).setEventId(id).setCorrectsEventId(target)
                .setCorrection(CorrectionKind.CORRECTION_KIND_VOID).build();
    }

    private List<RecordResult> record(CostRecord... records) {
        return attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(List.of(records)).build())
                .getResultsList();
    }

    private CostRow total(String tenant) {
        return attribution.queryCost(QueryCostRequest.newBuilder().setTenantId(tenant)
                .setStartTime(at("2026-01-01T00:00:00Z")).setEndTime(at("2026-02-01T00:00:00Z")).build()).getTotal();
    }

    @Test
    void amendReversesTheTargetAndAddsTheNewEntry() {
        String tenant = tenant();
        assertThat(record(target(tenant)).get(0).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_RECORDED);
        // New usage 2,000 in x $2.50/1M = 5,000,000 + 1,000 out x $10/1M = 10,000,000 -> 15,000,000, team ads.
        RecordResult amended = record(amend(tenant, "a1", "e", 2_000, 5_000_000, 1_000, 10_000_000,
                Map.of("team", "ads", "feature", "chat"))).get(0);
        assertThat(amended.getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_RECORDED);
        assertThat(amended.getDimensions().getTeam()).isEqualTo("ads");
        assertThat(amended.getReversed().getCostNanos()).isEqualTo(E_COST);
        assertThat(amended.getReversed().getEventCount()).isEqualTo(1);
        assertThat(amended.getReversed().getDimensions().getTeam()).isEqualTo("search");
        assertThat(amended.getReversed().getModel()).isEqualTo(MODEL);
        // Tokens budgets take back: 1,000 in + 500 out = 1,500 (requests are not tokens).
        assertThat(amended.getReversed().getTotalTokens()).isEqualTo(1_500);

        // Ledger: USAGE +7,500,000, REVERSAL -7,500,000, AMEND +15,000,000 -> 15,000,000; events 1 - 1 + 1 = 1.
        CostRow total = total(tenant);
        assertThat(total.getCostNanos()).isEqualTo(15_000_000);
        assertThat(total.getEventCount()).isEqualTo(1);
        assertThat(total.getTokens().getInputTokens()).isEqualTo(2_000);
        assertThat(total.getTokens().getOutputTokens()).isEqualTo(1_000);
        assertThat(total.getBreakdown().getOutputNanos()).isEqualTo(10_000_000);
        assertThat(kinds(tenant)).containsExactly("AMEND", "REVERSAL", "USAGE");

        // Re-sending the correction changes nothing and answers what it did.
        RecordResult again = record(amend(tenant, "a1", "e", 2_000, 5_000_000, 1_000, 10_000_000,
                Map.of("team", "ads", "feature", "chat"))).get(0);
        assertThat(again.getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_DUPLICATE);
        assertThat(again.getReversed()).isEqualTo(amended.getReversed());
        assertThat(again.getDimensions()).isEqualTo(amended.getDimensions());
        assertThat(total(tenant)).isEqualTo(total);
        assertRollupEqualsScan(tenant);
    }

    @Test
    void voidTakesTheEventOutAndAVoidOfAVoidedTargetChangesNothing() {
        String tenant = tenant();
        record(target(tenant));
        RecordResult voided = record(voiding(tenant, "v1", "e")).get(0);
        assertThat(voided.getReversed().getCostNanos()).isEqualTo(E_COST);
        assertThat(voided.getDimensions().getTeam()).isEqualTo("search");
        CostRow total = total(tenant);
        assertThat(total.getCostNanos()).isZero();
        assertThat(total.getEventCount()).isZero();
        assertThat(total.getTokens().getInputTokens()).isZero();

        // Voided already: a zero marker, event count 0.
        RecordResult twice = record(voiding(tenant, "v2", "e")).get(0);
        assertThat(twice.getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_RECORDED);
        assertThat(twice.getReversed().getCostNanos()).isZero();
        assertThat(twice.getReversed().getEventCount()).isZero();
        assertThat(total(tenant).getEventCount()).isZero();

        // An amend brings it back: 300 in x $2.50/1M = 750,000 + 0 out -> 750,000, one event.
        record(amend(tenant, "a1", "e", 300, 750_000, 0, 0, Map.of("team", "search")));
        assertThat(total(tenant).getCostNanos()).isEqualTo(750_000);
        assertThat(total(tenant).getEventCount()).isEqualTo(1);
        assertRollupEqualsScan(tenant);
    }

    @Test
    void aCorrectionMayFollowItsTargetInOneBatchAndAnUnknownTargetWritesNothing() {
        String tenant = tenant();
        List<RecordResult> results = record(target(tenant), voiding(tenant, "v1", "e"), voiding(tenant, "v2", "nope"));
        assertThat(results).extracting(RecordResult::getStatus).containsExactly(RecordStatus.RECORD_STATUS_RECORDED,
                RecordStatus.RECORD_STATUS_RECORDED, RecordStatus.RECORD_STATUS_TARGET_NOT_FOUND);
        assertThat(kinds(tenant)).containsExactly("REVERSAL", "USAGE");
        assertThat(total(tenant).getCostNanos()).isZero();
    }

    @Test
    void theCostMetricsCountEveryWrittenEntryAndWhatCorrectionsTookBack() {
        String tenant = tenant();
        String model = "corr-metrics-model"; // no other test records it: the counters are this test's alone
        double costBefore = counter("tokenledger.cost.nanos", model);
        double reversedBefore = counter("tokenledger.cost.reversed.nanos", model);
        Map<String, String> labels = Map.of("team", "search");
        // e: 7,500,000 (the class comment); a1 amends it to 2,000 in x $2.50/1M + 1,000 out x $10/1M = 15,000,000;
        // r1 re-rates the AMEND to 6,000,000; v1 voids it.
        record(priced(tenant, "e", "2026-01-15T04:30:00Z", "corrtest", model, 1_000, 2_500_000, 500, 5_000_000, labels));
        record(priced(tenant, "a1", "2026-01-15T04:30:00Z", "corrtest", model, 2_000, 5_000_000, 1_000, 10_000_000,
                labels).toBuilder().setCorrectsEventId("e").setCorrection(CorrectionKind.CORRECTION_KIND_AMEND).build());
        record(CostRecord.newBuilder().setTenantId(tenant).setEventId("r1").setCorrectsEventId("e")
                .setCorrection(CorrectionKind.CORRECTION_KIND_RERATE).setProvider("corrtest").setModel(model)
                .setPricingStatus(io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED)
                .setPriceId("price-v2").setCostNanos(6_000_000)
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(2_000_000).setOutputNanos(4_000_000)).build());
        record(voiding(tenant, "v1", "e"));
        record(voiding(tenant, "v1", "e")); // a DUPLICATE counts nothing

        // Written: 7,500,000 + 15,000,000 + 6,000,000 = 28,500,000; taken back: the same three entries.
        assertThat(counter("tokenledger.cost.nanos", model) - costBefore).isEqualTo(28_500_000.0);
        assertThat(counter("tokenledger.cost.reversed.nanos", model) - reversedBefore).isEqualTo(28_500_000.0);
        assertThat(total(tenant).getCostNanos()).isZero();
    }

    private double counter(String name, String model) {
        Counter counter = registry.find(name).tags("provider", "corrtest", "model", model).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void rerateKeepsUsageAndDimensionsAndReplacesThePrice() {
        String tenant = tenant();
        record(target(tenant));
        // Under the new price version: 1,000 in x $2.00/1M = 2,000,000 + 500 out x $8/1M = 4,000,000 -> 6,000,000.
        CostRecord rerate = CostRecord.newBuilder().setTenantId(tenant).setEventId("r1").setCorrectsEventId("e")
                .setCorrection(CorrectionKind.CORRECTION_KIND_RERATE).setProvider("corrtest").setModel(MODEL)
                .setPricingStatus(io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED)
                .setPriceId("price-v2").setCostNanos(6_000_000)
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(2_000_000).setOutputNanos(4_000_000)).build();
        RecordResult result = record(rerate).get(0);
        assertThat(result.getReversed().getCostNanos()).isEqualTo(E_COST);
        assertThat(result.getDimensions().getTeam()).isEqualTo("search");
        CostRow total = total(tenant);
        assertThat(total.getCostNanos()).isEqualTo(6_000_000);
        assertThat(total.getEventCount()).isEqualTo(1);
        assertThat(total.getTokens().getInputTokens()).isEqualTo(1_000);
        assertThat(total.getBreakdown().getInputNanos()).isEqualTo(2_000_000);
        assertThat(priceIdsInForce(tenant)).containsExactly("price-v2");
        assertRollupEqualsScan(tenant);
    }

    @Test
    void theListCostIsKeptBesideATenantPriceAndReversedAndReratedLikeTheCost() {
        String tenant = tenant();
        // At the tenant's price: 1,000 in x $2.00/1M = 2,000,000 + 500 out x $8/1M = 4,000,000 -> 6,000,000; at the
        // public price (the target's): 7,500,000.
        CostRecord tenantPriced = priced(tenant, "e", "2026-01-15T04:30:00Z", "corrtest", MODEL, 1_000, 2_000_000, 500,
                4_000_000, Map.of("team", "search")).toBuilder().setListCostNanos(E_COST).build();
        record(tenantPriced);
        // A lower tenant price: 1,000 x $1.50/1M = 1,500,000 + 500 x $6/1M = 3,000,000 -> 4,500,000; list unchanged.
        CostRecord rerate = CostRecord.newBuilder().setTenantId(tenant).setEventId("r1").setCorrectsEventId("e")
                .setCorrection(CorrectionKind.CORRECTION_KIND_RERATE).setProvider("corrtest").setModel(MODEL)
                .setPricingStatus(io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED)
                .setPriceId("tenant-v2").setCostNanos(4_500_000).setListCostNanos(E_COST)
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(1_500_000).setOutputNanos(3_000_000)).build();
        record(rerate, voiding(tenant, "v1", "e"));
        // USAGE, then r1's REVERSAL of it and its RERATE, then v1's REVERSAL of the RERATE entry.
        assertThat(strings("SELECT entry_kind || ' ' || event_id || ' ' || cost_nanos || ' ' || list_cost_nanos"
                + " FROM attribution.cost_ledger WHERE tenant_id = ? ORDER BY entry_seq NULLS FIRST, entry_kind", tenant))
                .containsExactly("USAGE e 6000000 7500000", "REVERSAL r1 -6000000 -7500000",
                        "RERATE r1 4500000 7500000", "REVERSAL v1 -4500000 -7500000");
    }

    @Test
    void concurrentCorrectionsOfOneTargetEachReverseTheEntryTheirPredecessorLeft() throws Exception {
        String tenant = tenant();
        record(target(tenant));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<RecordResult>> futures = new ArrayList<>();
        for (int i = 1; i <= writers; i++) {
            // Amend i: i x 1,000 in, costing i x 1,000,000.
            int n = i;
            futures.add(pool.submit(() -> record(amend(tenant, "a" + n, "e", n * 1_000L, n * 1_000_000L, 0, 0,
                    Map.of("team", "t" + n))).get(0)));
        }
        long reversedTotal = 0;
        for (Future<RecordResult> future : futures) {
            RecordResult result = future.get();
            assertThat(result.getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_RECORDED);
            reversedTotal += result.getReversed().getCostNanos();
        }
        pool.shutdown();
        // Serialized: the reversals took back the target and every amend but the last one exactly once, so
        // reversed = 7,500,000 + (1 + ... + 8) x 1,000,000 - last = 43,500,000 - last, and the total is the last.
        CostRow total = total(tenant);
        assertThat(total.getEventCount()).isEqualTo(1);
        long last = total.getCostNanos();
        assertThat(last).isIn(1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L, 6_000_000L, 7_000_000L,
                8_000_000L);
        assertThat(reversedTotal).isEqualTo(43_500_000L - last);
        assertThat(total.getTokens().getInputTokens()).isEqualTo(last / 1_000);
        assertRollupEqualsScan(tenant);
    }

    @Test
    void aCorrectionNeedsAKindAndATargetOtherThanItself() {
        String tenant = tenant();
        CostRecord noTarget = voiding(tenant, "v1", "");
        CostRecord noKind = target(tenant).toBuilder().setEventId("x").setCorrectsEventId("e").build();
        CostRecord self = voiding(tenant, "v2", "v2");
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> record(noTarget, noKind, self));
        assertThat(fields(error)).containsExactlyInAnyOrder("records[0].corrects_event_id", "records[1].correction",
                "records[2].corrects_event_id");
        assertThat(kinds(tenant)).isEmpty();
    }

    /** Rollup-backed QueryCost equals a ledger scan, grouped by every dimension a correction can move. */
    private void assertRollupEqualsScan(String tenant) {
        for (String granularity : List.of("TOTAL", "HOUR", "DAY")) {
            CostQuery query = CostQuery.parse(tenant, Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                    Optional.of(Instant.parse("2026-02-01T00:00:00Z")),
                    List.of("team", "feature", "model", "pricing_status"), Map.of(),
                    io.tokenledger.attribution.domain.Granularity.valueOf(granularity), "UTC", 0, Instant.now());
            assertThat(ledger.query(query)).isEqualTo(ledger.scan(query));
        }
    }

    private List<String> kinds(String tenant) {
        return strings("SELECT entry_kind FROM attribution.cost_ledger WHERE tenant_id = ? ORDER BY entry_kind", tenant);
    }

    private List<String> priceIdsInForce(String tenant) {
        return strings("SELECT price_id FROM attribution.cost_ledger WHERE tenant_id = ?"
                + " GROUP BY price_id HAVING SUM(event_count) > 0", tenant);
    }

    private List<String> strings(String sql, String tenant) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            List<String> values = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fields(StatusRuntimeException error) {
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

package io.tokenledger.attribution.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AllocatedCostRow;
import io.tokenledger.api.attribution.v1.AllocationBasis;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.DeleteSharedCostItemRequest;
import io.tokenledger.api.attribution.v1.GetAllocatedCostRequest;
import io.tokenledger.api.attribution.v1.GetAllocatedCostResponse;
import io.tokenledger.api.attribution.v1.ItemAllocation;
import io.tokenledger.api.attribution.v1.ListSharedCostItemsRequest;
import io.tokenledger.api.attribution.v1.PutSharedCostItemRequest;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.SharedCostItem;
import io.tokenledger.api.attribution.v1.SharedCostKind;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.platform.money.ProtoMoney;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static io.tokenledger.attribution.grpc.RuleFixtures.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shared cost allocation over March 2026 against a hand calculation. Direct cost by feature (the fine-tuning job's
 * training row excluded): search 6,000,000; chat 3,000,000 + 500,000 (an inference call of the fine-tuned model,
 * which stays direct) = 3,500,000; unattributed 1,000,000; sum 10,500,000. April's 9,000,000 is outside.
 */
@QuarkusTest
class SharedCostAllocationTest {

    private static final String TENANT = "shared-costs";

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    private static CostRecord training(String id, String time, long nanos, Map<String, String> labels) {
        return Records.priced(TENANT, id, time, "openai", "gpt-4.1-mini-ft", 0, 0, 0, 0, labels).toBuilder()
                .setUsage(TokenUsage.newBuilder().setTrainingTokens(1_000_000).setTrainingEpochs(3))
                .setBreakdown(CostBreakdown.newBuilder().setTrainingNanos(nanos)).setCostNanos(nanos).build();
    }

    private static CostRecord call(String id, String time, long nanos, Map<String, String> labels) {
        return Records.priced(TENANT, id, time, "openai", "gpt-5-mini", 1_000, nanos, 0, 0, labels);
    }

    private SharedCostItem put(SharedCostItem.Builder item) {
        return attribution.putSharedCostItem(PutSharedCostItemRequest.newBuilder()
                .setItem(item.setTenantId(TENANT)).build()).getItem();
    }

    @Test
    void allocationsAddUpExactlyAndAFineTuningJobIsNotCountedTwice() {
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(call("a1", "2026-03-02T10:00:00Z", 6_000_000, Map.of("feature", "search")))
                .addRecords(call("a2", "2026-03-03T10:00:00Z", 3_000_000, Map.of("feature", "chat")))
                .addRecords(call("a3", "2026-03-04T10:00:00Z", 1_000_000, Map.of()))
                // 1,000,000 training tokens x 3 epochs at $8 / 1M = $24
                .addRecords(training("ft1", "2026-03-05T10:00:00Z", 24_000_000,
                        Map.of("fine_tune_job", "job-1", "feature", "chat")))
                .addRecords(call("ft-inference", "2026-03-06T10:00:00Z", 500_000,
                        Map.of("fine_tune_job", "job-1", "feature", "chat")))
                .addRecords(call("a4", "2026-04-02T10:00:00Z", 9_000_000, Map.of("feature", "search")))
                .build());
        put(SharedCostItem.newBuilder().setItemId("index").setName("vector index")
                .setKind(SharedCostKind.SHARED_COST_KIND_FIXED_MONTHLY).setAmount(ProtoMoney.of(1_000_000_001L))
                .setMonth("2026-03").setBasis(AllocationBasis.ALLOCATION_BASIS_USAGE_SHARE));
        put(SharedCostItem.newBuilder().setItemId("cache").setName("cache storage")
                .setKind(SharedCostKind.SHARED_COST_KIND_FIXED_MONTHLY).setAmount(ProtoMoney.of(10))
                .setMonth("2026-03").setBasis(AllocationBasis.ALLOCATION_BASIS_FIXED_WEIGHTS)
                .setTargetDimension("feature").putWeights("chat", 1).putWeights("docs", 2));
        put(SharedCostItem.newBuilder().setItemId("april").setName("provisioned throughput")
                .setKind(SharedCostKind.SHARED_COST_KIND_FIXED_MONTHLY).setAmount(ProtoMoney.of(5_000_000))
                .setMonth("2026-04").setBasis(AllocationBasis.ALLOCATION_BASIS_USAGE_SHARE));
        put(SharedCostItem.newBuilder().setItemId("job").setName("fine-tune job-1")
                .setKind(SharedCostKind.SHARED_COST_KIND_FINE_TUNING_JOB).setFineTuneJob("job-1")
                .setBasis(AllocationBasis.ALLOCATION_BASIS_USAGE_SHARE));

        GetAllocatedCostResponse march = attribution.getAllocatedCost(GetAllocatedCostRequest.newBuilder()
                .setTenantId(TENANT).setStartTime(Records.at("2026-03-01T00:00:00Z"))
                .setEndTime(Records.at("2026-04-01T00:00:00Z")).setDimension("feature").build());

        // index 1,000,000,001 by usage (6 : 3.5 : 1 of 10.5): search 571,428,572 r0, chat 333,333,333 r7,000,000,
        //   unattributed 95,238,095 r3,500,000; floors 1,000,000,000, the 1 left -> chat (largest remainder).
        // cache 10 by weights chat 1 : docs 2: 3 r1, 6 r2 -> the 1 left -> docs: chat 3, docs 7.
        // job 24,000,000 by usage: search 13,714,285 r7,500,000, chat 8,000,000 r0, unattributed 2,285,714
        //   r3,000,000 -> the 1 left -> search. april (2026-04) is not in the period.
        assertThat(march.getRowsList()).extracting(SharedCostAllocationTest::describe).containsExactly(
                "search direct=6000000 {index=571428572, job=13714286} total=591142858",
                "chat direct=3500000 {cache=3, index=333333334, job=8000000} total=344833337",
                "unattributed direct=1000000 {index=95238095, job=2285714} total=98523809",
                "docs direct=0 {cache=7} total=7");
        assertThat(march.getItemsList()).extracting(i -> i.getItemId() + "=" + i.getAmountNanos())
                .containsExactly("cache=10", "index=1000000001", "job=24000000");
        // Direct 10,500,000 + job 24,000,000 = the ledger's 34,500,000 for March: the job counted once.
        assertThat(march.getDirectCostNanos()).isEqualTo(10_500_000);
        assertThat(march.getAllocatedCostNanos()).isEqualTo(1_000_000_001L + 10 + 24_000_000);
        assertThat(march.getTotalCostNanos()).isEqualTo(1_034_500_011L);
        for (String item : new String[] {"index", "cache", "job"}) {
            long sum = march.getRowsList().stream().flatMap(r -> r.getAllocationsList().stream())
                    .filter(a -> a.getItemId().equals(item)).mapToLong(ItemAllocation::getAllocatedCostNanos).sum();
            long amount = march.getItemsList().stream().filter(i -> i.getItemId().equals(item)).findFirst()
                    .orElseThrow().getAmountNanos();
            assertThat(sum).as(item).isEqualTo(amount);
        }

        // Along customer: the weights are per feature, so cache goes whole to unattributed (every call is too).
        GetAllocatedCostResponse byCustomer = attribution.getAllocatedCost(GetAllocatedCostRequest.newBuilder()
                .setTenantId(TENANT).setStartTime(Records.at("2026-03-01T00:00:00Z"))
                .setEndTime(Records.at("2026-04-01T00:00:00Z")).setDimension("customer").build());
        assertThat(byCustomer.getRowsList()).extracting(SharedCostAllocationTest::describe).containsExactly(
                "unattributed direct=10500000 {cache=10, index=1000000001, job=24000000} total=1034500011");
    }

    @Test
    void aVoidedFineTuningRowLeavesBothTheJobAndTheDirectCost() {
        String tenant = "shared-costs-void";
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(training("ft-v", "2026-05-05T10:00:00Z", 24_000_000, Map.of()).toBuilder()
                        .setTenantId(tenant))
                .addRecords(call("call-v", "2026-05-06T10:00:00Z", 2_000_000, Map.of("feature", "chat")).toBuilder()
                        .setTenantId(tenant))
                .build());
        attribution.putSharedCostItem(PutSharedCostItemRequest.newBuilder().setItem(SharedCostItem.newBuilder()
                .setTenantId(tenant).setItemId("job").setKind(SharedCostKind.SHARED_COST_KIND_FINE_TUNING_JOB)
                .addEventIds("ft-v").setBasis(AllocationBasis.ALLOCATION_BASIS_USAGE_SHARE)).build());
        GetAllocatedCostRequest may = GetAllocatedCostRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at("2026-05-01T00:00:00Z")).setEndTime(Records.at("2026-06-01T00:00:00Z"))
                .setDimension("feature").build();
        // Before the void: the job's 24,000,000 goes to chat, the only direct cost (2,000,000).
        assertThat(attribution.getAllocatedCost(may).getRowsList()).extracting(SharedCostAllocationTest::describe)
                .containsExactly("chat direct=2000000 {job=24000000} total=26000000");

        attribution.recordCosts(RecordCostsRequest.newBuilder().addRecords(CostRecord.newBuilder()
                .setTenantId(tenant).setEventId("void-ft-v").setCorrectsEventId("ft-v")
                .setCorrection(io.tokenledger.api.attribution.v1.CorrectionKind.CORRECTION_KIND_VOID)).build());
        // The REVERSAL (-24,000,000, negative training tokens) belongs to the job: the job nets to 0 and drops out,
        // and the direct cost stays 2,000,000 (not 2,000,000 - 24,000,000).
        GetAllocatedCostResponse after = attribution.getAllocatedCost(may);
        assertThat(after.getRowsList()).extracting(SharedCostAllocationTest::describe)
                .containsExactly("chat direct=2000000 {} total=2000000");
        assertThat(after.getItemsList()).isEmpty();
    }

    @Test
    void itemsAreValidatedListedAndDeleted() {
        StatusRuntimeException invalid = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> put(SharedCostItem.newBuilder().setItemId("bad")
                        .setKind(SharedCostKind.SHARED_COST_KIND_FIXED_MONTHLY).setMonth("2026-13")
                        .setBasis(AllocationBasis.ALLOCATION_BASIS_FIXED_WEIGHTS).putWeights("x", -1)));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(invalid)).containsExactly("item.amount", "item.month", "item.target_dimension",
                "item.weights[x]", "item.weights");
        put(SharedCostItem.newBuilder().setItemId("tmp").setKind(SharedCostKind.SHARED_COST_KIND_FINE_TUNING_JOB)
                .addEventIds("ft-x").setBasis(AllocationBasis.ALLOCATION_BASIS_USAGE_SHARE));
        assertThat(attribution.listSharedCostItems(ListSharedCostItemsRequest.newBuilder().setTenantId(TENANT)
                .build()).getItemsList()).extracting(SharedCostItem::getItemId).contains("tmp");
        attribution.deleteSharedCostItem(DeleteSharedCostItemRequest.newBuilder().setTenantId(TENANT)
                .setItemId("tmp").build());
        assertThatThrownBy(() -> attribution.deleteSharedCostItem(DeleteSharedCostItemRequest.newBuilder()
                .setTenantId(TENANT).setItemId("tmp").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static String describe(AllocatedCostRow row) {
        return row.getValue() + " direct=" + row.getDirectCostNanos() + " " + row.getAllocationsList().stream()
                .map(a -> a.getItemId() + "=" + a.getAllocatedCostNanos())
                .collect(Collectors.joining(", ", "{", "}")) + " total=" + row.getTotalCostNanos();
    }
}

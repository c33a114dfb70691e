package io.tokenledger.attribution.grpc;

import io.tokenledger.api.attribution.v1.AllocatedCostRow;
import io.tokenledger.api.attribution.v1.AllocatedItem;
import io.tokenledger.api.attribution.v1.AllocationBasis;
import io.tokenledger.api.attribution.v1.GetAllocatedCostResponse;
import io.tokenledger.api.attribution.v1.ItemAllocation;
import io.tokenledger.api.attribution.v1.SharedCostKind;
import io.tokenledger.attribution.domain.CostAllocation;
import io.tokenledger.attribution.domain.SharedCostItem;
import io.tokenledger.platform.money.ProtoMoney;

/** Converts shared cost items and GetAllocatedCost answers to and from the domain. */
final class AllocationProtos {

    private AllocationProtos() {
    }

    static SharedCostItem fromProto(io.tokenledger.api.attribution.v1.SharedCostItem item) {
        SharedCostItem.Kind kind = switch (item.getKind()) {
            case SHARED_COST_KIND_FIXED_MONTHLY -> SharedCostItem.Kind.FIXED_MONTHLY;
            case SHARED_COST_KIND_FINE_TUNING_JOB -> SharedCostItem.Kind.FINE_TUNING_JOB;
            default -> SharedCostItem.Kind.UNSPECIFIED;
        };
        SharedCostItem.Basis basis = switch (item.getBasis()) {
            case ALLOCATION_BASIS_USAGE_SHARE -> SharedCostItem.Basis.USAGE_SHARE;
            case ALLOCATION_BASIS_FIXED_WEIGHTS -> SharedCostItem.Basis.FIXED_WEIGHTS;
            default -> SharedCostItem.Basis.UNSPECIFIED;
        };
        return new SharedCostItem(item.getTenantId(), item.getItemId(), item.getName(), kind,
                amount(item), item.getMonth(), item.getEventIdsList(),
                item.getFineTuneJob(), basis, item.getTargetDimension(), item.getWeightsMap());
    }

    // An amount beyond int64 nano-USD becomes -1, which validation rejects as item.amount.
    private static long amount(io.tokenledger.api.attribution.v1.SharedCostItem item) {
        try {
            return item.hasAmount() ? ProtoMoney.toNanos(item.getAmount()) : 0;
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    static io.tokenledger.api.attribution.v1.SharedCostItem toProto(SharedCostItem item) {
        io.tokenledger.api.attribution.v1.SharedCostItem.Builder proto =
                io.tokenledger.api.attribution.v1.SharedCostItem.newBuilder()
                        .setTenantId(item.tenantId()).setItemId(item.itemId()).setName(item.name())
                        .setKind(SharedCostKind.valueOf("SHARED_COST_KIND_" + item.kind().name()))
                        .setMonth(item.month()).addAllEventIds(item.eventIds()).setFineTuneJob(item.fineTuneJob())
                        .setBasis(AllocationBasis.valueOf("ALLOCATION_BASIS_" + item.basis().name()))
                        .setTargetDimension(item.targetDimension()).putAllWeights(item.weights());
        if (item.kind() == SharedCostItem.Kind.FIXED_MONTHLY) {
            proto.setAmount(ProtoMoney.of(item.amountNanos()));
        }
        return proto.build();
    }

    static GetAllocatedCostResponse toProto(CostAllocation.Report report) {
        GetAllocatedCostResponse.Builder response = GetAllocatedCostResponse.newBuilder();
        for (CostAllocation.Row row : report.rows()) {
            AllocatedCostRow.Builder proto = AllocatedCostRow.newBuilder().setValue(row.value())
                    .setDirectCostNanos(row.directNanos()).setAllocatedCostNanos(row.allocatedNanos())
                    .setTotalCostNanos(row.totalNanos()).setTotalCost(ProtoMoney.of(row.totalNanos()));
            row.allocations().forEach((itemId, nanos) -> proto.addAllocations(
                    ItemAllocation.newBuilder().setItemId(itemId).setAllocatedCostNanos(nanos)));
            response.addRows(proto);
        }
        report.items().forEach(item -> response.addItems(AllocatedItem.newBuilder().setItemId(item.itemId())
                .setName(item.name()).setAmountNanos(item.amountNanos())));
        long direct = report.directNanos();
        long allocated = report.allocatedNanos();
        return response.setDirectCostNanos(direct).setAllocatedCostNanos(allocated)
                .setTotalCostNanos(direct + allocated).build();
    }
}

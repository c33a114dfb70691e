package io.tokenledger.budget.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.MutinyAttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A stand-in ledger owner: tests append ledger rows; QueryCost sums the rows matching tenant, filters and range. */
@GrpcService
public class FakeAttribution extends MutinyAttributionServiceGrpc.AttributionServiceImplBase {

    record Row(String tenant, Instant occurred, Map<String, String> dimensions, long costNanos) {
    }

    static final Queue<Row> LEDGER = new ConcurrentLinkedQueue<>();

    @Override
    public Uni<QueryCostResponse> queryCost(QueryCostRequest request) {
        Instant start = Instant.ofEpochSecond(request.getStartTime().getSeconds(), request.getStartTime().getNanos());
        Instant end = Instant.ofEpochSecond(request.getEndTime().getSeconds(), request.getEndTime().getNanos());
        long total = 0;
        long count = 0;
        for (Row row : LEDGER) {
            boolean matches = row.tenant().equals(request.getTenantId()) && !row.occurred().isBefore(start)
                    && row.occurred().isBefore(end)
                    && request.getFiltersMap().entrySet().stream().allMatch(f -> f.getValue().equals(row.dimensions().get(f.getKey())));
            if (matches) {
                total += row.costNanos();
                count++;
            }
        }
        return Uni.createFrom().item(QueryCostResponse.newBuilder()
                .setTotal(CostRow.newBuilder().setCostNanos(total).setEventCount(count)).build());
    }
}

package io.tokenledger.budget.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.Granularity;
import io.tokenledger.api.common.v1.TokenUsage;
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

    record Row(String tenant, Instant occurred, Map<String, String> dimensions, long costNanos, long outputTokens) {

        Row(String tenant, Instant occurred, Map<String, String> dimensions, long costNanos) {
            this(tenant, occurred, dimensions, costNanos, 0L);
        }
    }

    static final Queue<Row> LEDGER = new ConcurrentLinkedQueue<>();

    @Override
    public Uni<QueryCostResponse> queryCost(QueryCostRequest request) {
        Instant start = Instant.ofEpochSecond(request.getStartTime().getSeconds(), request.getStartTime().getNanos());
        Instant end = Instant.ofEpochSecond(request.getEndTime().getSeconds(), request.getEndTime().getNanos());
        long total = 0;
        long count = 0;
        long tokens = 0;
        // GRANULARITY_HOUR: one row per UTC hour with events (the real ledger's shape for a UTC query).
        Map<Long, CostRow.Builder> hours = new java.util.TreeMap<>();
        for (Row row : LEDGER) {
            boolean matches = row.tenant().equals(request.getTenantId()) && !row.occurred().isBefore(start)
                    && row.occurred().isBefore(end)
                    && request.getFiltersMap().entrySet().stream().allMatch(f -> f.getValue().equals(row.dimensions().get(f.getKey())));
            if (matches) {
                total += row.costNanos();
                tokens += row.outputTokens();
                count++;
                long hour = Math.floorDiv(row.occurred().getEpochSecond(), 3600) * 3600;
                CostRow.Builder bucket = hours.computeIfAbsent(hour, h -> CostRow.newBuilder()
                        .setBucketStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(h)));
                bucket.setCostNanos(bucket.getCostNanos() + row.costNanos()).setEventCount(bucket.getEventCount() + 1)
                        .setTokens(TokenUsage.newBuilder().setOutputTokens(bucket.getTokens().getOutputTokens() + row.outputTokens()));
            }
        }
        QueryCostResponse.Builder response = QueryCostResponse.newBuilder()
                .setTotal(CostRow.newBuilder().setCostNanos(total).setEventCount(count)
                        .setTokens(TokenUsage.newBuilder().setOutputTokens(tokens)));
        if (request.getGranularity() == Granularity.GRANULARITY_HOUR) {
            hours.values().forEach(response::addRows);
        }
        return Uni.createFrom().item(response.build());
    }
}

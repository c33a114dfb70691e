package io.tokenledger.ingest.fakes;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.Dimensions;
import io.tokenledger.api.attribution.v1.MutinyAttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordCostsResponse;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import java.util.Map;

/** Attributes the well-known labels (missing ones are "unattributed"); fails on demand. */
@GrpcService
public class FakeAttribution extends MutinyAttributionServiceGrpc.AttributionServiceImplBase {

    /**
     * An event id that fails every RecordCosts call it is in, as the real ledger refuses a batch whose costs overflow
     * a rollup cell (FAILED_PRECONDITION SUM_OUT_OF_RANGE).
     */
    public static final String POISON = "poison-";
    public static final String SUM_OUT_OF_RANGE = "the database failed while recording costs: a sum exceeds"
            + " 9223372036854775807 (int64 nano-USD or tokens)";

    @Override
    public Uni<RecordCostsResponse> recordCosts(RecordCostsRequest request) {
        if (request.getRecordsCount() > 0) {
            Fakes.RECORD_CALLS.add(request.getRecords(0).getTenantId());
        }
        if (Fakes.attributionFailure().isPresent()) {
            return Uni.createFrom().failure(Fakes.attributionFailure().get().asRuntimeException());
        }
        if (request.getRecordsList().stream().anyMatch(r -> r.getEventId().startsWith(POISON))) {
            return Uni.createFrom().failure(Status.FAILED_PRECONDITION.withDescription(SUM_OUT_OF_RANGE)
                    .asRuntimeException());
        }
        RecordCostsResponse.Builder response = RecordCostsResponse.newBuilder();
        for (CostRecord record : request.getRecordsList()) {
            if (!record.getCorrectsEventId().isEmpty()) {
                response.addResults(FakeLedger.correct(record));
                continue;
            }
            Fakes.RECORDED.add(record);
            Dimensions dimensions = dimensions(record);
            FakeLedger.recorded(record, dimensions);
            response.addResults(RecordResult.newBuilder().setEventId(record.getEventId())
                    .setStatus(RecordStatus.RECORD_STATUS_RECORDED)
                    .setDimensions(dimensions));
        }
        return Uni.createFrom().item(response.build());
    }

    static Dimensions dimensions(CostRecord record) {
        Map<String, String> labels = record.getLabelsMap();
        return Dimensions.newBuilder().setTenantId(record.getTenantId())
                .setTeam(labels.getOrDefault("team", "unattributed"))
                .setFeature(labels.getOrDefault("feature", "unattributed"))
                .setCustomer(labels.getOrDefault("customer", "unattributed"))
                .setUser(labels.getOrDefault("user", "unattributed"))
                .setEnvironment(labels.getOrDefault("environment", "unattributed"))
                // As the real ledger does: every other label is a free tag.
                .putAllTags(labels.entrySet().stream()
                        .filter(l -> !java.util.Set.of("team", "feature", "customer", "user", "environment").contains(l.getKey()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .build();
    }

    @Override
    public Uni<io.tokenledger.api.attribution.v1.ListLedgerEntriesResponse> listLedgerEntries(
            io.tokenledger.api.attribution.v1.ListLedgerEntriesRequest request) {
        return Uni.createFrom().item(FakeLedger.page(request));
    }
}

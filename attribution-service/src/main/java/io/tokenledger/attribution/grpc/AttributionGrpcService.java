package io.tokenledger.attribution.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.attribution.v1.AttributionService;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordCostsResponse;
import io.tokenledger.attribution.application.CostRecording;
import io.tokenledger.attribution.application.CostReporting;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.RecordOutcome;

import java.util.ArrayList;
import java.util.List;

/** The gRPC edge of attribution: converts messages and calls one use case per RPC. */
@GrpcService
public class AttributionGrpcService implements AttributionService {

    private final CostRecording recording;
    private final CostReporting reporting;

    public AttributionGrpcService(CostRecording recording, CostReporting reporting) {
        this.recording = recording;
        this.reporting = reporting;
    }

    @Override
    @Blocking
    public Uni<RecordCostsResponse> recordCosts(RecordCostsRequest request) {
        List<CostEntry> entries = new ArrayList<>(request.getRecordsCount());
        request.getRecordsList().forEach(record -> entries.add(LedgerProtos.fromProto(record)));
        RecordCostsResponse.Builder response = RecordCostsResponse.newBuilder();
        for (RecordOutcome outcome : recording.record(entries)) {
            response.addResults(LedgerProtos.toProto(outcome));
        }
        return Uni.createFrom().item(response.build());
    }

    @Override
    @Blocking
    public Uni<QueryCostResponse> queryCost(QueryCostRequest request) {
        return Uni.createFrom().item(QueryProtos.toProto(reporting.query(request.getTenantId(),
                QueryProtos.start(request), QueryProtos.end(request), request.getGroupByList(),
                request.getFiltersMap(), QueryProtos.granularity(request.getGranularity()),
                request.getTimeZone(), request.getLimit())));
    }
}

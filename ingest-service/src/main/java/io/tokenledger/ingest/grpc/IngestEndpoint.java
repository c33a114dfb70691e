package io.tokenledger.ingest.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.ingest.v1.IngestService;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.ingest.application.UsageRecording;
import io.tokenledger.ingest.normalize.ProviderUsages;

/** The gRPC edge of ingest: converts, calls {@link UsageRecording}, converts back. */
@GrpcService
public class IngestEndpoint implements IngestService {

    private final UsageRecording recording;

    public IngestEndpoint(UsageRecording recording) {
        this.recording = recording;
    }

    @Override
    @Blocking
    public Uni<RecordUsageResponse> recordUsage(RecordUsageRequest request) {
        return Uni.createFrom().item(() -> ResultProtos.toProto(recording.record(
                ProviderUsages.toDomain(request.getEventsList()))));
    }
}

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

    // Re-rating (issue 3). Field-injected so the constructor above stays as it is.
    @jakarta.inject.Inject
    io.tokenledger.ingest.application.UsageRerating rerating;

    @Override
    @Blocking
    public Uni<io.tokenledger.api.ingest.v1.RerateUsageResponse> rerateUsage(
            io.tokenledger.api.ingest.v1.RerateUsageRequest request) {
        return Uni.createFrom().item(() -> {
            io.tokenledger.ingest.application.UsageRerating.Result result = rerating.rerate(request.getTenantId(),
                    request.hasStartTime() ? java.util.Optional.of(
                            io.tokenledger.ingest.mapping.UsageEventProtos.toInstant(request.getStartTime()))
                            : java.util.Optional.empty(),
                    request.hasEndTime() ? java.util.Optional.of(
                            io.tokenledger.ingest.mapping.UsageEventProtos.toInstant(request.getEndTime()))
                            : java.util.Optional.empty(),
                    request.getDryRun());
            io.tokenledger.ingest.domain.RerateFigures figures = result.figures();
            return io.tokenledger.api.ingest.v1.RerateUsageResponse.newBuilder().setRunId(result.runId())
                    .setEventsExamined(figures.examined()).setEventsChanged(figures.changed())
                    .setOldTotalNanos(figures.oldTotalNanos()).setNewTotalNanos(figures.newTotalNanos())
                    .setUnpricedBefore(figures.unpricedBefore()).setUnpricedAfter(figures.unpricedAfter()).build();
        });
    }
}

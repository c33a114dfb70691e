package io.tokenledger.ingest.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.ingest.v1.IngestService;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.api.ingest.v1.RerateUsageRequest;
import io.tokenledger.api.ingest.v1.RerateUsageResponse;
import io.tokenledger.ingest.application.UsageRecording;
import io.tokenledger.ingest.application.UsageRerating;
import io.tokenledger.ingest.domain.RerateFigures;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import io.tokenledger.ingest.normalize.ProviderUsages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The gRPC edge of ingest: converts, calls {@link UsageRecording} or {@link UsageRerating}, converts back. */
@GrpcService
public class IngestEndpoint implements IngestService {

    private final UsageRecording recording;
    private final UsageRerating rerating;

    public IngestEndpoint(UsageRecording recording, UsageRerating rerating) {
        this.recording = recording;
        this.rerating = rerating;
    }

    @Override
    @Blocking
    public Uni<RecordUsageResponse> recordUsage(RecordUsageRequest request) {
        // Converted here so that the request message is garbage while the batch waits for its turn.
        List<UsageEvent> events = ProviderUsages.toDomain(request.getEventsList());
        return Uni.createFrom().item(() -> ResultProtos.toProto(recording.record(events)));
    }

    @Override
    @Blocking
    public Uni<RerateUsageResponse> rerateUsage(RerateUsageRequest request) {
        return Uni.createFrom().item(() -> {
            Optional<Instant> start = request.hasStartTime()
                    ? Optional.of(UsageEventProtos.toInstant(request.getStartTime())) : Optional.empty();
            Optional<Instant> end = request.hasEndTime()
                    ? Optional.of(UsageEventProtos.toInstant(request.getEndTime())) : Optional.empty();
            UsageRerating.Result result = rerating.rerate(request.getTenantId(), start, end, request.getDryRun());
            RerateFigures figures = result.figures();
            return RerateUsageResponse.newBuilder().setRunId(result.runId())
                    .setEventsExamined(figures.examined()).setEventsChanged(figures.changed())
                    .setOldTotalNanos(figures.oldTotalNanos()).setNewTotalNanos(figures.newTotalNanos())
                    .setUnpricedBefore(figures.unpricedBefore()).setUnpricedAfter(figures.unpricedAfter()).build();
        });
    }
}

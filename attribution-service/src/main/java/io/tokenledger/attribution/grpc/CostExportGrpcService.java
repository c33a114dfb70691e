package io.tokenledger.attribution.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.tokenledger.api.attribution.v1.CostExportServiceGrpc;
import io.tokenledger.api.attribution.v1.ExportCostChunk;
import io.tokenledger.api.attribution.v1.ExportCostRequest;
import io.tokenledger.api.attribution.v1.ExportFormat;
import io.tokenledger.api.attribution.v1.ExportGranularity;
import io.tokenledger.attribution.application.CostExporting;
import io.tokenledger.attribution.domain.ExportQuery;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.platform.error.GrpcErrors;

import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The gRPC edge of exports. Plain grpc-java streaming (not Mutiny) so that a chunk is sent only while the
 * transport is ready: a slow client makes the export wait (the database cursor pauses) instead of the chunks
 * piling up in memory.
 */
@GrpcService
public class CostExportGrpcService extends CostExportServiceGrpc.CostExportServiceImplBase {

    /** How long to wait between readiness checks while the client is not taking data. */
    private static final long READY_POLL_NANOS = 2_000_000;
    /** A client that takes no data for this long is dropped, so it cannot hold a connection and cursor forever. */
    private static final long STALL_LIMIT_NANOS = 120_000_000_000L;

    private final CostExporting exporting;

    public CostExportGrpcService(CostExporting exporting) {
        this.exporting = exporting;
    }

    @Override
    @Blocking
    public void exportCost(ExportCostRequest request, StreamObserver<ExportCostChunk> responses) {
        try {
            ExportQuery query = exporting.parse(request.getTenantId(),
                    request.hasStartTime() ? Optional.of(LedgerProtos.instant(request.getStartTime())) : Optional.empty(),
                    request.hasEndTime() ? Optional.of(LedgerProtos.instant(request.getEndTime())) : Optional.empty(),
                    format(request.getFormat()), granularity(request.getGranularity()), request.getFiltersMap());
            exporting.export(query, (data, rows) -> send(responses, ExportCostChunk.newBuilder()
                    .setData(ByteString.copyFrom(data)).setRowCount(rows).build()));
            if (!cancelled(responses)) {
                responses.onCompleted();
            }
        } catch (ClientStalled e) {
            responses.onError(Status.DEADLINE_EXCEEDED.withDescription("the client took no data for 120 s")
                    .asRuntimeException());
        } catch (RuntimeException e) {
            if (!cancelled(responses)) {
                responses.onError(GrpcErrors.toStatus(e));
            }
        }
    }

    /** Thrown out of the row loop (closing the cursor) when the client stops reading. */
    private static final class ClientStalled extends RuntimeException {
        ClientStalled() {
            super(null, null, false, false);
        }
    }

    /** Waits until the client can take more, then sends; false when the client has gone away. */
    private static boolean send(StreamObserver<ExportCostChunk> responses, ExportCostChunk chunk) {
        if (responses instanceof ServerCallStreamObserver<ExportCostChunk> call) {
            long since = System.nanoTime();
            while (!call.isReady()) {
                if (call.isCancelled()) {
                    return false;
                }
                if (System.nanoTime() - since > STALL_LIMIT_NANOS) {
                    throw new ClientStalled();
                }
                LockSupport.parkNanos(READY_POLL_NANOS);
            }
        }
        try {
            responses.onNext(chunk);
            return true;
        } catch (StatusRuntimeException cancelled) {
            return false; // the call was cancelled meanwhile
        }
    }

    private static boolean cancelled(StreamObserver<ExportCostChunk> responses) {
        return responses instanceof ServerCallStreamObserver<ExportCostChunk> call && call.isCancelled();
    }

    static Optional<io.tokenledger.attribution.domain.ExportFormat> format(ExportFormat format) {
        switch (format) {
            case EXPORT_FORMAT_CSV: return Optional.of(io.tokenledger.attribution.domain.ExportFormat.CSV);
            case EXPORT_FORMAT_FOCUS: return Optional.of(io.tokenledger.attribution.domain.ExportFormat.FOCUS);
            default: return Optional.empty();
        }
    }

    static Optional<Granularity> granularity(ExportGranularity granularity) {
        switch (granularity) {
            case EXPORT_GRANULARITY_HOUR: return Optional.of(Granularity.HOUR);
            case EXPORT_GRANULARITY_DAY: return Optional.of(Granularity.DAY);
            case EXPORT_GRANULARITY_UNSPECIFIED: return Optional.empty();
            default: return Optional.of(Granularity.TOTAL); // an unknown number: rejected by validation
        }
    }
}

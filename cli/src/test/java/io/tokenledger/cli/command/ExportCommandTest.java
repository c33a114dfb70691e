package io.tokenledger.cli.command;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.tokenledger.api.attribution.v1.CostExportServiceGrpc;
import io.tokenledger.api.attribution.v1.ExportCostChunk;
import io.tokenledger.api.attribution.v1.ExportCostRequest;
import io.tokenledger.api.attribution.v1.ExportFormat;
import io.tokenledger.api.attribution.v1.ExportGranularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tokenledger export} against a local gRPC server that plays attribution-service's CostExportService. */
class ExportCommandTest {

    private final List<ExportCostRequest> received = new ArrayList<>();
    private Server server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    private int serve(List<ExportCostChunk> chunks, com.google.rpc.Status failure) throws IOException {
        server = ServerBuilder.forPort(0).addService(new CostExportServiceGrpc.CostExportServiceImplBase() {
            @Override
            public void exportCost(ExportCostRequest request, StreamObserver<ExportCostChunk> responses) {
                received.add(request);
                chunks.forEach(responses::onNext);
                if (failure == null) {
                    responses.onCompleted();
                } else {
                    responses.onError(StatusProto.toStatusRuntimeException(failure));
                }
            }
        }).build().start();
        return server.getPort();
    }

    private static ExportCostChunk chunk(String data, int rows) {
        return ExportCostChunk.newBuilder().setData(ByteString.copyFromUtf8(data)).setRowCount(rows).build();
    }

    private static Args args(String... argv) {
        return Args.parse(List.of(argv), ExportCommand.OPTIONS, Set.of());
    }

    @Test
    void writesTheChunksInOrderToTheFileAndSendsTheOptionsAsTheRequest() throws IOException {
        int port = serve(List.of(chunk("h1,h2\na,1\n", 1), chunk("b,2\nc,3\n", 2)), null);
        Path out = dir.resolve("cost.csv");

        int exit = new ExportCommand(args("export", "--target", "127.0.0.1:" + port, "--tenant", "acme",
                "--start", "2026-03-02", "--end", "2026-03-02T12:00:00Z", "--format", "focus",
                "--granularity", "day", "--filter", "team=search,feature=chat", "--out", out.toString())).run();

        assertThat(exit).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("h1,h2\na,1\nb,2\nc,3\n");
        assertThat(dir.resolve("cost.csv.part")).doesNotExist();
        ExportCostRequest request = received.get(0);
        assertThat(request.getTenantId()).isEqualTo("acme");
        assertThat(request.getStartTime().getSeconds()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z").getEpochSecond());
        assertThat(request.getEndTime().getSeconds()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z").getEpochSecond());
        assertThat(request.getFormat()).isEqualTo(ExportFormat.EXPORT_FORMAT_FOCUS);
        assertThat(request.getGranularity()).isEqualTo(ExportGranularity.EXPORT_GRANULARITY_DAY);
        assertThat(request.getFiltersMap()).isEqualTo(Map.of("team", "search", "feature", "chat"));
    }

    @Test
    void aStreamThatFailsLeavesNoFileAndExitsWithTheFieldViolations() throws IOException {
        com.google.rpc.Status invalid = com.google.rpc.Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("invalid").addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(
                        BadRequest.FieldViolation.newBuilder().setField("start_time")
                                .setDescription("must be a whole UTC hour")).build())).build();
        int port = serve(List.of(chunk("h1,h2\n", 0)), invalid);
        Path out = dir.resolve("cost.csv");

        int exit = new ExportCommand(args("export", "--target", "127.0.0.1:" + port, "--tenant", "acme",
                "--start", "2026-03-02T10:30:00Z", "--end", "2026-03-03", "--out", out.toString())).run();

        assertThat(exit).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("cost.csv.part")).doesNotExist();
    }

    @Test
    void describesAStatusByItsFieldViolations() {
        com.google.rpc.Status invalid = com.google.rpc.Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("invalid").addDetails(Any.pack(BadRequest.newBuilder()
                        .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("start_time")
                                .setDescription("must be a whole UTC hour"))
                        .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("format")
                                .setDescription("must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_FOCUS")).build())).build();
        assertThat(ExportCommand.describe(StatusProto.toStatusRuntimeException(invalid))).isEqualTo(
                "INVALID_ARGUMENT: start_time: must be a whole UTC hour; format: must be EXPORT_FORMAT_CSV or "
                        + "EXPORT_FORMAT_FOCUS");
    }

    @Test
    void badOptionValuesNameTheOption() {
        assertThatThrownBy(() -> ExportCommand.request(args("export", "--start", "2026-03-02", "--end", "2026-03-03")))
                .hasMessage("--tenant is required");
        assertThatThrownBy(() -> ExportCommand.request(args("export", "--tenant", "a", "--start", "yesterday",
                "--end", "2026-03-03"))).hasMessageStartingWith("--start must be an ISO-8601 instant");
        assertThatThrownBy(() -> ExportCommand.request(args("export", "--tenant", "a", "--start", "2026-03-02",
                "--end", "2026-03-03", "--format", "xlsx"))).hasMessage("--format must be csv or focus");
        assertThatThrownBy(() -> ExportCommand.request(args("export", "--tenant", "a", "--start", "2026-03-02",
                "--end", "2026-03-03", "--filter", "team"))).hasMessageStartingWith("--filter takes name=value");
        assertThatThrownBy(() -> Args.parse(List.of("export", "--rows", "5"), ExportCommand.OPTIONS, Set.of()))
                .hasMessageContaining("unknown option --rows");
    }
}

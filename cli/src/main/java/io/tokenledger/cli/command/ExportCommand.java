package io.tokenledger.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.tokenledger.api.attribution.v1.CostExportServiceGrpc;
import io.tokenledger.api.attribution.v1.ExportCostChunk;
import io.tokenledger.api.attribution.v1.ExportCostRequest;
import io.tokenledger.api.attribution.v1.ExportFormat;
import io.tokenledger.api.attribution.v1.ExportGranularity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code tokenledger export}: streams a cost export (CSV or FOCUS) from a running attribution-service to a file or
 * stdout, chunk by chunk, never holding the file in memory. A file is written as {@code FILE.part} and renamed
 * when the stream completes, so a failed export never leaves a file that looks whole.
 */
final class ExportCommand {

    static final Set<String> OPTIONS = Set.of("target", "tenant", "start", "end", "format", "granularity", "filter",
            "out");
    static final String DEFAULT_TARGET = "127.0.0.1:8082";

    private final Args args;

    ExportCommand(Args args) {
        this.args = args;
    }

    int run() throws IOException {
        ExportCostRequest request = request(args);
        String target = args.option("target", DEFAULT_TARGET);
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        try {
            Iterator<ExportCostChunk> chunks = CostExportServiceGrpc.newBlockingStub(channel).exportCost(request);
            String out = args.option("out", "-");
            if (out.equals("-")) {
                write(chunks, System.out);
                System.out.flush();
                return 0;
            }
            Path file = Path.of(out);
            Path part = file.resolveSibling(file.getFileName() + ".part");
            long rows;
            try (OutputStream stream = Files.newOutputStream(part)) {
                rows = write(chunks, stream);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.err.printf("tokenledger export: %,d rows written to %s%n", rows, file);
            return 0;
        } catch (StatusRuntimeException e) {
            System.err.println("tokenledger export: " + describe(e));
            if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
                System.err.println("tokenledger export: no attribution-service answers at " + target
                        + "; start one (or port-forward it, see k8s/README.md) and pass its address with --target");
            }
            return e.getStatus().getCode() == io.grpc.Status.Code.INVALID_ARGUMENT ? 2 : 1;
        } finally {
            channel.shutdownNow();
        }
    }

    /** Writes every chunk's bytes in order as they arrive; returns the number of data rows. */
    static long write(Iterator<ExportCostChunk> chunks, OutputStream out) throws IOException {
        long rows = 0;
        while (chunks.hasNext()) {
            ExportCostChunk chunk = chunks.next();
            chunk.getData().writeTo(out);
            rows += chunk.getRowCount();
        }
        return rows;
    }

    /** The request the options describe; a bad option value is an IllegalArgumentException naming the option. */
    static ExportCostRequest request(Args args) {
        ExportCostRequest.Builder request = ExportCostRequest.newBuilder()
                .setTenantId(args.option("tenant").orElseThrow(() -> new IllegalArgumentException("--tenant is required")))
                .setStartTime(time(args, "start"))
                .setEndTime(time(args, "end"));
        switch (args.option("format", "csv")) {
            case "csv": request.setFormat(ExportFormat.EXPORT_FORMAT_CSV); break;
            case "focus": request.setFormat(ExportFormat.EXPORT_FORMAT_FOCUS); break;
            default: throw new IllegalArgumentException("--format must be csv or focus");
        }
        switch (args.option("granularity", "hour")) {
            case "hour": request.setGranularity(ExportGranularity.EXPORT_GRANULARITY_HOUR); break;
            case "day": request.setGranularity(ExportGranularity.EXPORT_GRANULARITY_DAY); break;
            default: throw new IllegalArgumentException("--granularity must be hour or day");
        }
        for (String filter : args.option("filter").map(f -> List.of(f.split(","))).orElse(List.of())) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--filter takes name=value[,name=value...], got '" + filter + "'");
            }
            request.putFilters(filter.substring(0, eq).trim(), filter.substring(eq + 1));
        }
        return request.build();
    }

    /** An ISO-8601 instant (2026-03-02T10:00:00Z) or a date (2026-03-02 = its start in UTC). */
    private static Timestamp time(Args args, String name) {
        String value = args.option(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
        Instant instant;
        try {
            instant = value.contains("T") ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant such as "
                    + "2026-03-02T10:00:00Z or a date such as 2026-03-02, got '" + value + "'");
        }
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The status with its field violations, e.g. "INVALID_ARGUMENT: start_time: must be a whole UTC hour". */
    static String describe(StatusRuntimeException e) {
        StringBuilder text = new StringBuilder(e.getStatus().getCode().name());
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        boolean detailed = false;
        if (status != null) {
            for (com.google.protobuf.Any detail : status.getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    try {
                        for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                            text.append(detailed ? "; " : ": ").append(v.getField()).append(": ")
                                    .append(v.getDescription());
                            detailed = true;
                        }
                    } catch (InvalidProtocolBufferException ignored) {
                        // fall back to the status description below
                    }
                }
            }
        }
        if (!detailed && e.getStatus().getDescription() != null) {
            text.append(": ").append(e.getStatus().getDescription());
        }
        return text.toString();
    }
}

package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;
import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Sends every case of {@link BadInputCorpus} as raw bytes while another thread records valid traffic: each case must
 * be rejected with INVALID_ARGUMENT naming its field, nothing of it may be written, and every valid event must be
 * recorded.
 */
@QuarkusTest
class BadInputCorpusTest {

    /** RecordUsage with byte[] in and out, so that malformed bytes reach the server unchanged. */
    private static final MethodDescriptor<byte[], byte[]> RAW = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(IngestServiceGrpc.getRecordUsageMethod().getFullMethodName())
            .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes()).build();

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL grpc;

    @Test
    void every_malformed_request_is_rejected_naming_its_field_while_valid_traffic_is_recorded() throws Exception {
        Fakes.ATTRIBUTION_FAILURE.set(null);
        String badTenant = newTenant();
        String goodTenant = newTenant();
        List<BadInputCorpus.Case> corpus = BadInputCorpus.generate(badTenant);
        long rowsBefore = inboxRowsOtherThan(goodTenant);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger recorded = new AtomicInteger();
        List<Throwable> goodFailures = new ArrayList<>();
        Thread valid = new Thread(() -> {
            int n = 0;
            while (!stop.get()) {
                RecordUsageRequest.Builder batch = RecordUsageRequest.newBuilder();
                for (int i = 0; i < 20; i++) {
                    batch.addEvents(event(goodTenant, "good-" + n++, "gpt-5-mini", 100, 10));
                }
                try {
                    for (EventResult result : ingest.recordUsage(batch.build()).getResultsList()) {
                        if (result.getStatus() == EventStatus.EVENT_STATUS_RECORDED) {
                            recorded.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    synchronized (goodFailures) {
                        goodFailures.add(e);
                    }
                }
            }
        }, "valid-traffic");
        valid.start();

        Map<String, String> problems = new LinkedHashMap<>();
        try {
            for (BadInputCorpus.Case bad : corpus) {
                StatusRuntimeException e = catchThrowableOfType(() -> send(bad.request()), StatusRuntimeException.class);
                if (e == null) {
                    problems.put(bad.name(), "accepted");
                } else if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                    problems.put(bad.name(), e.getStatus().toString());
                } else if (fields(e).stream().noneMatch(f -> f.startsWith(bad.field()))) {
                    problems.put(bad.name(), "fields " + fields(e) + ", expected " + bad.field());
                }
            }
        } finally {
            stop.set(true);
            valid.join(30_000);
        }
        System.out.printf("bad-input corpus: %d distinct malformed requests, %d rejected with INVALID_ARGUMENT and "
                + "their field path; %d valid events recorded meanwhile%n", corpus.size(),
                corpus.size() - problems.size(), recorded.get());

        assertThat(problems).as("cases not rejected as expected").isEmpty();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);
        assertThat(inboxRowsOtherThan(goodTenant)).as("rows written by bad requests").isEqualTo(rowsBefore);
        assertThat(goodFailures).isEmpty();
        assertThat(recorded.get()).isPositive();
        assertThat(InboxRows.of(dataSource, goodTenant)).hasSize(recorded.get())
                .allSatisfy(row -> assertThat(row.status()).isEqualTo("DONE"));
    }

    @Test
    void a_message_above_the_inbound_limit_is_refused_by_the_transport() {
        // 17 MiB in one trace_id: gRPC refuses it before the service sees it (quarkus.grpc.server.max-inbound-message-size).
        RecordUsageRequest huge = RecordUsageRequest.newBuilder()
                .addEvents(event(newTenant(), "huge", "gpt-5-mini", 1, 1).setTraceId("t".repeat(17 << 20))).build();

        StatusRuntimeException e = catchThrowableOfType(() -> send(huge.toByteArray()), StatusRuntimeException.class);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void a_batch_of_1000_bad_events_is_answered_with_the_violations_that_fit_in_a_plain_grpc_java_client() throws Exception {
        // A plain grpc-java channel with its default 8 KiB limit on trailers, as a user's generated client has.
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.getPort()).usePlaintext().build();
        try {
            StatusRuntimeException e = catchThrowableOfType(() -> IngestServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS).recordUsage(BadInputCorpus.everyEventWithoutTenant()),
                    StatusRuntimeException.class);

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            List<String> listed = fields(e);
            ErrorInfo info = StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(ErrorInfo.class))
                    .findFirst().orElseThrow().unpack(ErrorInfo.class);
            assertThat(info.getMetadataMap()).containsEntry("violations", "1000")
                    .containsEntry("violations_listed", String.valueOf(listed.size()));
            // Without the cap on listed violations this call failed in the client with INTERNAL (RST_STREAM).
            // Each violation takes 2 + field + 2 + description ("must be 1..64 characters of [A-Za-z0-9._-]", 42) + 2
            // bytes: events[0..9] 67, events[10..99] 68. 10 x 67 = 670, then (4,096 - 670) / 68 = 50.4: 60 listed.
            assertThat(listed).hasSize(60).startsWith("events[0].tenant_id").endsWith("events[59].tenant_id");
            assertThat(e.getStatus().getDescription())
                    .endsWith("(the first " + listed.size() + " of 1000 violations are listed in the details)");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_unknown_field_is_ignored_as_proto3_requires() {
        String tenant = newTenant();

        EventResult result = ingest.recordUsage(BadInputCorpus.withUnknownField(tenant, "u-1")).getResults(0);

        assertThat(result.getStatus()).isEqualTo(EventStatus.EVENT_STATUS_RECORDED);
    }

    private byte[] send(byte[] request) {
        Channel channel = ingest.getChannel();
        return ClientCalls.blockingUnaryCall(channel, RAW, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                request);
    }

    private long inboxRowsOtherThan(String tenant) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM ingest.inbox WHERE tenant_id <> ?")) {
            count.setString(1, tenant);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> fields(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream().filter(d -> d.is(BadRequest.class)).flatMap(d -> {
            try {
                return d.unpack(BadRequest.class).getFieldViolationsList().stream();
            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                throw new IllegalStateException(x);
            }
        }).map(BadRequest.FieldViolation::getField).toList();
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package io.tokenledger.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/traces over plain HTTP: hand-written OTLP JSON, partial success, and requests refused as a whole. */
@QuarkusTest
class OtlpHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/v1/traces")
    URL traces;

    @Inject
    DataSource dataSource;

    private final long endNanos = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L;

    @BeforeEach
    void healthyDownstream() {
        Fakes.ATTRIBUTION_FAILURE.set(null);
    }

    @Test
    void otlp_json_with_hex_ids_string_int64_and_gzip_is_recorded() throws Exception {
        String tenant = InboxEvents.newTenant();
        // Counts as strings and as numbers, times as strings, the tenant from the header, enums as integers.
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[
                    {"key":"service.name","value":{"stringValue":"billing-bot"}},
                    {"key":"tokenledger.customer","value":{"stringValue":"globex"}}]},
                  "scopeSpans":[{"scope":{"name":"openllmetry"},"spans":[
                    {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                     "parentSpanId":"eee19b7ec3c1b173","name":"anthropic.chat","kind":3,
                     "startTimeUnixNano":"%d","endTimeUnixNano":"%d",
                     "attributes":[
                       {"key":"gen_ai.provider.name","value":{"stringValue":"anthropic"}},
                       {"key":"gen_ai.request.model","value":{"stringValue":"gpt-5-mini"}},
                       {"key":"gen_ai.usage.input_tokens","value":{"intValue":"1000"}},
                       {"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":200}},
                       {"key":"gen_ai.usage.output_tokens","value":{"intValue":"50"}},
                       {"key":"tokenledger.label.ticket","value":{"stringValue":"T-9"}}],
                     "status":{"code":1}}]}]}]}
                """.formatted(endNanos - 2_000_000_000L, endNanos);

        HttpResponse<byte[]> response = post("application/json", gzip(json.getBytes(StandardCharsets.UTF_8)),
                "gzip", tenant);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        PriceItem item = Fakes.pricedFor(tenant).get(0);
        assertThat(item.getItemId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(item.getProvider()).isEqualTo("anthropic");
        // 1,000 input include 200 cache reads -> 800 uncached + 200 cached; output 50.
        assertThat(item.getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(800).setCachedInputTokens(200)
                .setOutputTokens(50).build());
        assertThat(item.getOccurredTime().getSeconds()).isEqualTo(endNanos / 1_000_000_000L);
        // 800 x 1,000 + 50 x 2,000 = 800,000 + 100,000 = 900,000 nano-USD (cache reads have no price in the fake).
        assertThat(InboxEvents.of(dataSource, tenant)).containsExactly("eee19b7ec3c1b174 DONE PRICED 900000");
        assertThat(Fakes.recordedFor(tenant).get(0).getTraceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(Fakes.recordedFor(tenant).get(0).getLabelsMap()).containsEntry("customer", "globex")
                .containsEntry("ticket", "T-9").containsEntry("service", "billing-bot");
    }

    @Test
    void inconsistent_spans_are_rejected_by_partial_success_and_the_others_recorded() throws Exception {
        String tenant = InboxEvents.newTenant();
        ExportTraceServiceRequest request = request(tenant,
                span("0000000000000a01", "good", attr("gen_ai.usage.input_tokens", 10), attr("gen_ai.usage.output_tokens", 5)),
                span("0000000000000a02", "cache above input", attr("gen_ai.usage.input_tokens", 1000),
                        attr("gen_ai.usage.cache_read.input_tokens", 1200)),
                span("0000000000000a03", "reasoning above output", attr("gen_ai.usage.output_tokens", 100),
                        attr("gen_ai.usage.reasoning.output_tokens", 101)),
                span("0000000000000a04", "negative", attr("gen_ai.usage.input_tokens", -1)),
                span("0000000000000a05", "not a number", KeyValue.newBuilder().setKey("gen_ai.usage.input_tokens")
                        .setValue(AnyValue.newBuilder().setStringValue("lots")).build()),
                span("0000000000000a06", "absurd", attr("gen_ai.usage.input_tokens", 2_000_000_000_000L)),
                span("0000000000000a07", "not genai", KeyValue.newBuilder().setKey("http.route")
                        .setValue(AnyValue.newBuilder().setStringValue("/")).build()));

        HttpResponse<byte[]> response = post("application/x-protobuf", request.toByteArray(), null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(5);
        assertThat(answer.getPartialSuccess().getErrorMessage()).isEqualTo("5 of 6 GenAI spans rejected: "
                + "span 0000000000000a02 (cache above input): gen_ai.usage.cache_read.input_tokens (1200) exceeds"
                + " gen_ai.usage.input_tokens (1000), which includes it; "
                + "span 0000000000000a03 (reasoning above output): gen_ai.usage.reasoning.output_tokens (101) exceeds"
                + " gen_ai.usage.output_tokens (100), which includes it; "
                + "span 0000000000000a04 (negative): gen_ai.usage.input_tokens must be >= 0, got -1; "
                + "span 0000000000000a05 (not a number): gen_ai.usage.input_tokens must be a whole number, got \"lots\"; "
                + "span 0000000000000a06 (absurd): usage.input_tokens must be <= 1000000000000");
        // Only the good span is stored: 10 x 1,000 + 5 x 2,000 = 20,000 nano-USD.
        assertThat(InboxEvents.of(dataSource, tenant)).containsExactly("0000000000000a01 DONE PRICED 20000");
    }

    @Test
    void an_export_larger_than_the_batch_limit_is_recorded_in_batches() throws Exception {
        String tenant = InboxEvents.newTenant();
        // 1,001 spans: one more than max-events-per-batch (1,000), so two RecordUsage batches.
        Span[] spans = new Span[1001];
        for (int i = 0; i < spans.length; i++) {
            spans[i] = span(String.format("%016x", 0x100000L + i), "chat", attr("gen_ai.usage.input_tokens", 1));
        }

        HttpResponse<byte[]> response = post("application/x-protobuf", request(tenant, spans).toByteArray(), null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        // Each: 1 input token x 1,000 nano-USD.
        assertThat(InboxEvents.of(dataSource, tenant)).hasSize(1001).allMatch(row -> row.endsWith(" DONE PRICED 1000"));
    }

    @Test
    void a_span_without_tenant_or_model_is_rejected_and_names_the_attribute() throws Exception {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span("0000000000000b01", "no tenant", attr("gen_ai.usage.input_tokens", 10))))).build();

        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(
                post("application/x-protobuf", request.toByteArray(), null, null).body());

        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).isEqualTo("1 of 1 GenAI spans rejected: "
                + "span 0000000000000b01 (no tenant): no tenant: set the span or resource attribute tokenledger.tenant,"
                + " or the x-tokenledger-tenant header");
    }

    @Test
    void unreadable_bodies_are_400_with_a_status_message() throws Exception {
        HttpResponse<byte[]> garbage = post("application/x-protobuf", new byte[] {0x0a, (byte) 0xff, 0x01}, null, null);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(Status.parseFrom(garbage.body()).getMessage())
                .startsWith("body is not a protobuf ExportTraceServiceRequest");

        HttpResponse<byte[]> notJson = post("application/json", "{\"resourceSpans\": [".getBytes(), null, null);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(new String(notJson.body(), StandardCharsets.UTF_8)).contains("\"code\":3")
                .contains("body is not valid JSON");

        HttpResponse<byte[]> badId = post("application/json", """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"not-hex","name":"x"}]}]}]}""".getBytes(),
                null, null);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(new String(badId.body(), StandardCharsets.UTF_8))
                .contains("resourceSpans[0].scopeSpans[0].spans[0].spanId must be a hex string, got \\\"not-hex\\\"");

        HttpResponse<byte[]> notGzip = post("application/x-protobuf", new byte[] {1, 2, 3}, "gzip", null);
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(Status.parseFrom(notGzip.body()).getMessage()).startsWith("body is not valid gzip");
    }

    @Test
    void an_empty_protobuf_body_is_an_empty_export_and_an_empty_json_body_is_400() throws Exception {
        HttpResponse<byte[]> empty = post("application/x-protobuf", new byte[0], null, null);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(empty.body()).hasPartialSuccess()).isFalse();

        HttpResponse<byte[]> emptyJson = post("application/json", new byte[0], null, null);
        assertThat(emptyJson.statusCode()).isEqualTo(400);
        assertThat(new String(emptyJson.body(), StandardCharsets.UTF_8)).contains("\"code\":3");
    }

    @Test
    void other_media_types_are_415_and_oversized_bodies_413() throws Exception {
        HttpResponse<byte[]> text = post("text/plain", "hello".getBytes(), null, null);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).contains("Content-Type must be");

        // curl's default without -H: a form. Long enough that parsing it as a form would fail (it did: 503).
        HttpResponse<byte[]> form = post("application/x-www-form-urlencoded", "a=".concat("b".repeat(4_096)).getBytes(),
                null, null);
        assertThat(form.statusCode()).isEqualTo(415);

        HttpResponse<byte[]> brotli = post("application/json", "{}".getBytes(), "br", null);
        assertThat(brotli.statusCode()).isEqualTo(415);

        // The default limit is 8 MiB (8,388,608 bytes), on the wire and after decompression.
        byte[] huge = new byte[8 * 1024 * 1024 + 1];
        assertThat(post("application/x-protobuf", huge, null, null).statusCode()).isEqualTo(413);
        HttpResponse<byte[]> bomb = post("application/x-protobuf", gzip(huge), "gzip", null);
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(Status.parseFrom(bomb.body()).getMessage()).isEqualTo("the decompressed body exceeds 8388608 bytes");
    }

    private ExportTraceServiceRequest request(String tenant, Span... spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("tokenledger.tenant")
                        .setValue(AnyValue.newBuilder().setStringValue(tenant))))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
    }

    private Span span(String spanId, String name, KeyValue... usage) {
        return Span.newBuilder().setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId))).setName(name)
                .setStartTimeUnixNano(endNanos - 1_000_000_000L).setEndTimeUnixNano(endNanos)
                .addAttributes(KeyValue.newBuilder().setKey("gen_ai.provider.name")
                        .setValue(AnyValue.newBuilder().setStringValue("openai")))
                .addAttributes(KeyValue.newBuilder().setKey("gen_ai.response.model")
                        .setValue(AnyValue.newBuilder().setStringValue("gpt-5-mini")))
                .addAllAttributes(List.of(usage)).build();
    }

    private static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private HttpResponse<byte[]> post(String contentType, byte[] body, String encoding, String tenant)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(traces.toString()))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        if (tenant != null) {
            request.header("x-tokenledger-tenant", tenant);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }
}

package io.tokenledger.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans made by the official OpenTelemetry Java SDK and sent by its {@link OtlpHttpSpanExporter} (binary protobuf)
 * to the running service's /v1/traces; the events are observed where RecordUsage's are: what the fake pricing,
 * attribution and budget services received, and the inbox rows.
 */
@QuarkusTest
class OtelSdkExportTest {

    @TestHTTPResource("/v1/traces")
    URL traces;

    @Inject
    DataSource dataSource;

    private final Instant start = Instant.now().minusSeconds(120);

    @BeforeEach
    void healthyDownstream() {
        Fakes.ATTRIBUTION_FAILURE.set(null);
    }

    @Test
    void genai_spans_become_canonical_priced_events_and_other_spans_are_ignored() {
        String tenant = InboxEvents.newTenant();
        Captured spans = record(tenant, tracer -> {
            Span chat = tracer.spanBuilder("chat gpt-5-mini").setSpanKind(SpanKind.CLIENT).setStartTimestamp(start)
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.provider.name", "openai")
                    .setAttribute("gen_ai.request.model", "gpt-5")
                    .setAttribute("gen_ai.response.model", "gpt-5-mini")
                    .setAttribute("gen_ai.usage.input_tokens", 1000L)
                    .setAttribute("gen_ai.usage.cache_read.input_tokens", 200L)
                    .setAttribute("gen_ai.usage.cache_creation.input_tokens", 100L)
                    .setAttribute("gen_ai.usage.output_tokens", 500L)
                    .setAttribute("gen_ai.usage.reasoning.output_tokens", 300L)
                    .setAttribute("tokenledger.feature", "answers")
                    .startSpan();
            chat.end(start.plusSeconds(3));
            Span embeddings = tracer.spanBuilder("embeddings text-embedding-3-small").setStartTimestamp(start)
                    .setAttribute("gen_ai.operation.name", "embeddings")
                    .setAttribute("gen_ai.provider.name", "openai")
                    .setAttribute("gen_ai.request.model", "text-embedding-3-small")
                    .setAttribute("gen_ai.usage.input_tokens", 64L)
                    .startSpan();
            embeddings.end(start.plusSeconds(1));
            Span http = tracer.spanBuilder("GET /health").setStartTimestamp(start)
                    .setAttribute("http.request.method", "GET")
                    .setAttribute("gen_ai.operation.name", "chat")
                    .startSpan();
            http.end(start.plusMillis(5));
            Span deprecated = tracer.spanBuilder("openai.chat").setStartTimestamp(start)
                    .setAttribute("gen_ai.system", "openai")
                    .setAttribute("gen_ai.request.model", "gpt-5-mini")
                    .setAttribute("gen_ai.usage.prompt_tokens", 300L)
                    .setAttribute("gen_ai.usage.completion_tokens", 40L)
                    .setAttribute("gen_ai.usage.cache_read_input_tokens", 100L)
                    .setAttribute("tokenledger.team", "support")
                    .startSpan();
            deprecated.end(start.plusSeconds(2));
        });
        assertThat(spans.export()).isTrue();
        String chat = spans.id("chat gpt-5-mini");
        String embeddings = spans.id("embeddings text-embedding-3-small");
        String deprecated = spans.id("openai.chat");

        Map<String, PriceItem> priced = Fakes.pricedFor(tenant).stream()
                .collect(Collectors.toMap(PriceItem::getItemId, Function.identity(), (first, again) -> first));
        assertThat(priced.keySet()).containsExactlyInAnyOrder(chat, embeddings, deprecated);
        // Chat: input 1,000 includes cache read 200 and cache creation 100 -> 700 uncached;
        // output 500 includes reasoning 300 -> 200 visible. The response model wins over the request model.
        assertThat(priced.get(chat).getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(700)
                .setCachedInputTokens(200).setCacheWrite5MTokens(100).setOutputTokens(200).setReasoningTokens(300)
                .build());
        assertThat(priced.get(chat).getModel()).isEqualTo("gpt-5-mini");
        assertThat(priced.get(chat).getProvider()).isEqualTo("openai");
        // Embeddings: every input token is an embedding token.
        assertThat(priced.get(embeddings).getUsage()).isEqualTo(TokenUsage.newBuilder().setEmbeddingTokens(64).build());
        // Deprecated names: prompt 300 includes the pre-standard cache read 100 -> 200 uncached; completion 40.
        assertThat(priced.get(deprecated).getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(200)
                .setCachedInputTokens(100).setOutputTokens(40).build());

        // The fake price book: $1.00 per 1M input (1,000 nano-USD a token), $2.00 per 1M output (2,000), and no
        // price for the other classes. Chat: 700 x 1,000 + 200 x 2,000 = 700,000 + 400,000 = 1,100,000 nano-USD.
        // Deprecated: 200 x 1,000 + 40 x 2,000 = 200,000 + 80,000 = 280,000. Embeddings model: unpriced, 0.
        assertThat(InboxEvents.of(dataSource, tenant)).containsExactlyInAnyOrder(
                chat + " DONE PRICED 1100000", deprecated + " DONE PRICED 280000", embeddings + " DONE UNPRICED 0");

        Map<String, CostRecord> recorded = Fakes.recordedFor(tenant).stream()
                .collect(Collectors.toMap(CostRecord::getEventId, Function.identity(), (first, again) -> first));
        CostRecord chatRecord = recorded.get(chat);
        assertThat(chatRecord.getTraceId()).isEqualTo(spans.traceId("chat gpt-5-mini"));
        assertThat(chatRecord.getLabelsMap()).isEqualTo(Map.of("service", "support-bot", "team", "search",
                "feature", "answers", "environment", "prod", "operation", "chat"));
        assertThat(recorded.get(deprecated).getLabelsMap()).containsEntry("team", "support")
                .doesNotContainKey("feature").doesNotContainKey("operation");
        assertThat(chatRecord.getOccurredTime().getSeconds()).isEqualTo(start.plusSeconds(3).getEpochSecond());
        assertThat(Fakes.chargedFor(tenant)).extracting(c -> c.getEventId()).containsOnly(chat, embeddings, deprecated);
    }

    @Test
    void re_exported_spans_are_duplicates_and_never_counted_twice() {
        String tenant = InboxEvents.newTenant();
        Captured spans = record(tenant, tracer -> {
            for (int i = 0; i < 3; i++) {
                tracer.spanBuilder("chat " + i).setStartTimestamp(start)
                        .setAttribute("gen_ai.provider.name", "openai")
                        .setAttribute("gen_ai.response.model", "gpt-5-mini")
                        .setAttribute("gen_ai.usage.input_tokens", 100L * (i + 1))
                        .setAttribute("gen_ai.usage.output_tokens", 10L)
                        .startSpan().end(start.plusSeconds(1));
            }
        });
        assertThat(spans.export()).isTrue();
        List<String> stored = InboxEvents.of(dataSource, tenant);
        int priced = Fakes.pricedFor(tenant).size();
        int charged = Fakes.chargedFor(tenant).size();

        assertThat(spans.export()).isTrue();
        assertThat(spans.export()).isTrue();

        // chat i: (100 x (i+1)) x 1,000 + 10 x 2,000 nano-USD = 120,000 / 220,000 / 320,000.
        assertThat(stored).extracting(row -> row.substring(row.indexOf(' ') + 1))
                .containsExactlyInAnyOrder("DONE PRICED 120000", "DONE PRICED 220000", "DONE PRICED 320000");
        assertThat(InboxEvents.of(dataSource, tenant)).isEqualTo(stored);
        // Downstream got nothing more (the drainer may have repeated a call before the first answer: every hop is
        // idempotent, so only the counts after the first export matter).
        assertThat(Fakes.pricedFor(tenant)).hasSize(priced);
        assertThat(Fakes.chargedFor(tenant)).hasSize(charged);
    }

    /** Ends spans through a real SDK pipeline and keeps them, so a test can export them (again) with OTLP/HTTP. */
    private Captured record(String tenant, java.util.function.Consumer<Tracer> emit) {
        List<SpanData> ended = new CopyOnWriteArrayList<>();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "support-bot",
                AttributeKey.stringKey("deployment.environment.name"), "prod",
                AttributeKey.stringKey("tokenledger.tenant"), tenant,
                AttributeKey.stringKey("tokenledger.team"), "search")));
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(new Keep(ended))).build();
        emit.accept(provider.get("tokenledger-otlp-test"));
        provider.shutdown().join(10, TimeUnit.SECONDS);
        return new Captured(ended, traces.toString());
    }

    private record Captured(List<SpanData> spans, String endpoint) {

        boolean export() {
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint)
                    .setTimeout(java.time.Duration.ofSeconds(20)).build();
            try {
                CompletableResultCode result = exporter.export(spans).join(30, TimeUnit.SECONDS);
                return result.isSuccess();
            } finally {
                exporter.shutdown().join(10, TimeUnit.SECONDS);
            }
        }

        String id(String name) {
            return span(name).getSpanId();
        }

        String traceId(String name) {
            return span(name).getTraceId();
        }

        private SpanData span(String name) {
            return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
        }
    }

    private record Keep(List<SpanData> ended) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}

package io.tokenledger.e2e;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Spans ended through a real OpenTelemetry SDK pipeline ({@link SdkTracerProvider}) and kept, so a test can send the
 * very same spans to ingest's {@code /v1/traces} with the SDK's {@link OtlpHttpSpanExporter} (protobuf), once or
 * again as a re-export.
 */
record OtelSpans(List<SpanData> spans) {

    /** Runs {@code emit} against a tracer whose resource carries {@code resourceAttributes}; keeps what it ended. */
    static OtelSpans record(Attributes resourceAttributes, Consumer<Tracer> emit) {
        List<SpanData> ended = new CopyOnWriteArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(resourceAttributes)))
                .addSpanProcessor(SimpleSpanProcessor.create(new Keep(ended))).build();
        emit.accept(provider.get("tokenledger-e2e"));
        provider.shutdown().join(10, TimeUnit.SECONDS);
        return new OtelSpans(List.copyOf(ended));
    }

    /** Exports every kept span to {@code endpoint} (e.g. http://127.0.0.1:port/v1/traces); true on success. */
    boolean exportTo(String endpoint) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint)
                .setTimeout(Duration.ofSeconds(30)).build();
        try {
            return exporter.export(spans).join(60, TimeUnit.SECONDS).isSuccess();
        } finally {
            exporter.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /** The hex span id (the event id ingest gives it) of the span named {@code name}. */
    String spanId(String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow().getSpanId();
    }

    /** A span exporter that only keeps what it is given. */
    private record Keep(List<SpanData> ended) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            ended.addAll(batch);
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

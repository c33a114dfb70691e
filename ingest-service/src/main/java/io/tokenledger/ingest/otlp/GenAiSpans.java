package io.tokenledger.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the GenAI spans of an OTLP export to usage events (the mapping table is in the README). The span id is the
 * event id, so a re-exported span is a DUPLICATE; the trace id is the event's trace_id; the span's end time is
 * when the call happened (its start when the end is missing). Business dimensions come from {@code tokenledger.*}
 * attributes of the span, else of its resource, else (tenant only) from the request header.
 */
final class GenAiSpans {

    static final String TENANT = "tokenledger.tenant";
    static final List<String> DIMENSIONS = List.of("team", "feature", "customer", "user", "environment");
    static final String LABEL_PREFIX = "tokenledger.label.";
    static final List<String> MODEL = List.of("gen_ai.response.model", "gen_ai.request.model", "llm.model_name");
    static final List<String> PROVIDER = List.of("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system");
    static final String OPERATION = "gen_ai.operation.name";
    static final Set<String> EMBEDDINGS = Set.of("embeddings", "embedding");
    static final List<String> DEPLOYMENT_ENVIRONMENT = List.of("deployment.environment.name", "deployment.environment");

    private static final HexFormat HEX = HexFormat.of();
    private static final int NAME_IN_MESSAGES = 64;

    private GenAiSpans() {
    }

    /** @param headerTenant the tenant of the whole request, from the {@code x-tokenledger-tenant} header */
    static List<SpanUsage> map(ExportTraceServiceRequest request, Optional<String> headerTenant) {
        List<SpanUsage> found = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, AnyValue> resource = SpanAttributes.index(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    SpanAttributes attributes = new SpanAttributes(span.getAttributesList(), resource);
                    if (GenAiUsage.reportsUsage(attributes)) {
                        found.add(map(span, attributes, headerTenant));
                    }
                }
            }
        }
        return found;
    }

    private static SpanUsage map(Span span, SpanAttributes attributes, Optional<String> headerTenant) {
        String name = describe(span);
        if (span.getSpanId().size() != 8) {
            return new SpanUsage.Rejected(name, "span_id must be 8 bytes, got " + span.getSpanId().size());
        }
        // OTLP requires 16 bytes; an absent trace id is tolerated (the event then has none), a truncated one is not.
        if (!span.getTraceId().isEmpty() && span.getTraceId().size() != 16) {
            return new SpanUsage.Rejected(name, "trace_id must be 16 bytes, got " + span.getTraceId().size());
        }
        // All zeros is OpenTelemetry's invalid id: every such span would be one event.
        if (allZero(span.getSpanId())) {
            return new SpanUsage.Rejected(name, "span_id must not be all zeros (an invalid span id)");
        }
        if (!span.getTraceId().isEmpty() && allZero(span.getTraceId())) {
            return new SpanUsage.Rejected(name, "trace_id must not be all zeros (an invalid trace id)");
        }
        Optional<String> operation = attributes.spanString(List.of(OPERATION));
        boolean embeddings = operation.map(EMBEDDINGS::contains).orElse(false);
        GenAiUsage.Result usage = GenAiUsage.canonical(attributes, embeddings);
        if (usage.usage().isEmpty()) {
            return new SpanUsage.Rejected(name, usage.problem());
        }
        Optional<String> model = attributes.spanString(MODEL);
        if (model.isEmpty()) {
            return new SpanUsage.Rejected(name, "no model: set gen_ai.response.model or gen_ai.request.model");
        }
        Optional<String> provider = attributes.spanString(PROVIDER);
        if (provider.isEmpty()) {
            return new SpanUsage.Rejected(name, "no provider: set gen_ai.provider.name (or gen_ai.system)");
        }
        Optional<String> tenant = attributes.dimension(TENANT).or(() -> headerTenant);
        if (tenant.isEmpty()) {
            return new SpanUsage.Rejected(name, "no tenant: set the span or resource attribute " + TENANT
                    + ", or the x-tokenledger-tenant header");
        }
        UsageEvent.Builder event = UsageEvent.newBuilder()
                .setEventId(HEX.formatHex(span.getSpanId().toByteArray()))
                .setTenantId(tenant.get())
                .setProvider(OtelProviders.tokenLedgerId(provider.get()))
                .setModel(model.get())
                .setUsage(usage.usage().orElse(TokenUsage.getDefaultInstance()))
                .putAllLabels(labels(attributes, operation))
                .setTraceId(hex(span.getTraceId()));
        long occurredNanos = span.getEndTimeUnixNano() != 0 ? span.getEndTimeUnixNano() : span.getStartTimeUnixNano();
        if (occurredNanos != 0) {
            event.setOccurredTime(timestamp(occurredNanos));
        }
        return new SpanUsage.Event(name, event.build());
    }

    private static Map<String, String> labels(SpanAttributes attributes, Optional<String> operation) {
        Map<String, String> labels = new LinkedHashMap<>(attributes.withPrefix(LABEL_PREFIX));
        attributes.dimension("service.name").ifPresent(service -> labels.put("service", service));
        operation.ifPresent(op -> labels.put("operation", op));
        for (String dimension : DIMENSIONS) {
            attributes.dimension("tokenledger." + dimension).ifPresent(value -> labels.put(dimension, value));
        }
        if (!labels.containsKey("environment")) {
            DEPLOYMENT_ENVIRONMENT.stream().map(attributes::dimension).flatMap(Optional::stream).findFirst()
                    .ifPresent(environment -> labels.put("environment", environment));
        }
        return labels;
    }

    /** OTLP times are unsigned nanoseconds; one past 2262 (negative as a long) is clamped so validation rejects it. */
    private static Timestamp timestamp(long unixNanos) {
        if (unixNanos < 0) {
            return Timestamp.newBuilder().setSeconds(Long.MAX_VALUE / 1_000_000_000L).build();
        }
        return Timestamp.newBuilder().setSeconds(unixNanos / 1_000_000_000L).setNanos((int) (unixNanos % 1_000_000_000L))
                .build();
    }

    private static String describe(Span span) {
        String name = span.getName().length() > NAME_IN_MESSAGES
                ? span.getName().substring(0, NAME_IN_MESSAGES) + "..." : span.getName();
        return "span " + hex(span.getSpanId()) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    private static boolean allZero(ByteString bytes) {
        for (int i = 0; i < bytes.size(); i++) {
            if (bytes.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}

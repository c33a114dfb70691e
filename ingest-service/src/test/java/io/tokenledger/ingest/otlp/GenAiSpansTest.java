package io.tokenledger.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The span -> usage event mapping of the README's tables, without the service. */
class GenAiSpansTest {

    private static final ByteString SPAN_ID = ByteString.fromHex("00f067aa0ba902b7");

    @Test
    void the_tenant_comes_from_the_span_then_the_resource_then_the_header() {
        Span.Builder span = chat().addAttributes(text("tokenledger.tenant", "from-span"));
        assertThat(event(span, List.of(text("tokenledger.tenant", "from-resource")), "from-header").getTenantId())
                .isEqualTo("from-span");
        assertThat(event(chat(), List.of(text("tokenledger.tenant", "from-resource")), "from-header").getTenantId())
                .isEqualTo("from-resource");
        assertThat(event(chat(), List.of(), "from-header").getTenantId()).isEqualTo("from-header");
    }

    @Test
    void dimensions_come_from_the_span_then_the_resource() {
        Span.Builder span = chat().addAttributes(text("tokenledger.team", "span-team"))
                .addAttributes(text("tokenledger.label.team", "a tag never beats a dimension"))
                .addAttributes(text("tokenledger.label.ticket", "T-1"))
                .addAttributes(text("gen_ai.operation.name", "chat"));
        UsageEvent event = event(span, List.of(text("tokenledger.team", "resource-team"),
                text("tokenledger.customer", "globex"), text("service.name", "bot"),
                text("deployment.environment.name", "staging"), text("deployment.environment", "old")), "t");
        assertThat(event.getLabelsMap()).isEqualTo(Map.of("team", "span-team", "customer", "globex",
                "service", "bot", "environment", "staging", "ticket", "T-1", "operation", "chat"));

        UsageEvent explicit = event(chat(), List.of(text("tokenledger.environment", "prod"),
                text("deployment.environment.name", "staging")), "t");
        assertThat(explicit.getLabelsMap()).isEqualTo(Map.of("environment", "prod"));
    }

    @Test
    void current_names_win_over_deprecated_ones_and_otel_provider_names_become_ours() {
        Span.Builder span = Span.newBuilder().setSpanId(SPAN_ID).setEndTimeUnixNano(5_000_000_001L)
                .addAttributes(text("gen_ai.provider.name", "aws.bedrock"))
                .addAttributes(text("gen_ai.system", "openai"))
                .addAttributes(text("gen_ai.request.model", "anthropic.claude-sonnet-4"))
                .addAttributes(count("gen_ai.usage.input_tokens", 10))
                .addAttributes(count("gen_ai.usage.prompt_tokens", 999));
        UsageEvent event = event(span, List.of(), "t");
        assertThat(event.getProvider()).isEqualTo("bedrock");
        assertThat(event.getModel()).isEqualTo("anthropic.claude-sonnet-4");
        assertThat(event.getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(10).build());
        assertThat(event.getEventId()).isEqualTo("00f067aa0ba902b7");
        assertThat(event.getOccurredTime().getSeconds()).isEqualTo(5);
        assertThat(event.getOccurredTime().getNanos()).isEqualTo(1);

        assertThat(event(Span.newBuilder().setSpanId(SPAN_ID).addAttributes(text("gen_ai.system", "gcp.vertex_ai"))
                .addAttributes(text("gen_ai.request.model", "gemini-2.5-pro"))
                .addAttributes(count("gen_ai.usage.input_tokens", 1)), List.of(), "t").getProvider())
                .isEqualTo("google");
    }

    @Test
    void openinference_counts_are_read_with_the_same_inclusion_rules() {
        Span.Builder span = Span.newBuilder().setSpanId(SPAN_ID)
                .addAttributes(text("llm.provider", "openai"))
                .addAttributes(text("llm.model_name", "gpt-5-mini"))
                .addAttributes(count("llm.token_count.prompt", 500))
                .addAttributes(count("llm.token_count.prompt_details.cache_read", 100))
                .addAttributes(count("llm.token_count.prompt_details.cache_write", 50))
                .addAttributes(count("llm.token_count.completion", 50))
                .addAttributes(count("llm.token_count.completion_details.reasoning", 20));
        // 500 - 100 - 50 = 350 uncached input; 50 - 20 = 30 visible output.
        assertThat(event(span, List.of(), "t").getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(350)
                .setCachedInputTokens(100).setCacheWrite5MTokens(50).setOutputTokens(30).setReasoningTokens(20)
                .build());
    }

    @Test
    void counts_may_be_whole_doubles_or_decimal_strings_and_nothing_else() {
        Span.Builder span = chat().clearAttributes()
                .addAttributes(text("gen_ai.provider.name", "openai"))
                .addAttributes(text("gen_ai.request.model", "gpt-5-mini"))
                .addAttributes(kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setDoubleValue(12.0)))
                .addAttributes(kv("gen_ai.usage.output_tokens", AnyValue.newBuilder().setStringValue(" 7 ")));
        assertThat(event(span, List.of(), "t").getUsage())
                .isEqualTo(TokenUsage.newBuilder().setInputTokens(12).setOutputTokens(7).build());

        Span.Builder fractional = chat().clearAttributes()
                .addAttributes(kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setDoubleValue(1.5)));
        assertThat(rejection(fractional)).isEqualTo("gen_ai.usage.input_tokens must be a whole number, got 1.5");
        Span.Builder bool = chat().clearAttributes()
                .addAttributes(kv("gen_ai.usage.output_tokens", AnyValue.newBuilder().setBoolValue(true)));
        assertThat(rejection(bool)).isEqualTo("gen_ai.usage.output_tokens must be a whole number, got a BOOL_VALUE");
        Span.Builder twoBad = chat().clearAttributes().addAttributes(count("gen_ai.usage.input_tokens", -10))
                .addAttributes(kv("gen_ai.usage.output_tokens", AnyValue.newBuilder().setStringValue("lots")));
        assertThat(rejection(twoBad)).isEqualTo("gen_ai.usage.input_tokens must be >= 0, got -10; "
                + "gen_ai.usage.output_tokens must be a whole number, got \"lots\"");
    }

    @Test
    void embeddings_input_is_embedding_tokens() {
        Span.Builder span = chat().clearAttributes()
                .addAttributes(text("gen_ai.operation.name", "embeddings"))
                .addAttributes(text("gen_ai.provider.name", "openai"))
                .addAttributes(text("gen_ai.request.model", "text-embedding-3-small"))
                .addAttributes(count("gen_ai.usage.input_tokens", 64));
        assertThat(event(span, List.of(), "t").getUsage())
                .isEqualTo(TokenUsage.newBuilder().setEmbeddingTokens(64).build());
    }

    @Test
    void parts_above_their_totals_are_rejected_naming_the_attributes() {
        assertThat(rejection(chat().addAttributes(count("gen_ai.usage.cache_creation_input_tokens", 101))))
                .isEqualTo("gen_ai.usage.cache_creation_input_tokens (101) exceeds gen_ai.usage.input_tokens (100),"
                        + " which includes it");
        assertThat(rejection(chat().addAttributes(count("gen_ai.usage.cache_read.input_tokens", 60))
                .addAttributes(count("gen_ai.usage.cache_creation.input_tokens", 41))))
                .isEqualTo("gen_ai.usage.cache_read.input_tokens + gen_ai.usage.cache_creation.input_tokens (101)"
                        + " exceed gen_ai.usage.input_tokens (100), which includes them");
        // Exactly equal is fine: every input token came from the cache.
        assertThat(event(chat().addAttributes(count("gen_ai.usage.cache_read.input_tokens", 100)), List.of(), "t")
                .getUsage()).isEqualTo(TokenUsage.newBuilder().setCachedInputTokens(100).setOutputTokens(20).build());
    }

    @Test
    void spans_without_usage_are_ignored_and_without_provider_or_model_rejected() {
        Span.Builder noUsage = Span.newBuilder().setSpanId(SPAN_ID).addAttributes(text("gen_ai.operation.name", "chat"))
                .addAttributes(text("gen_ai.request.model", "gpt-5-mini"));
        assertThat(GenAiSpans.map(request(noUsage, List.of()), Optional.of("t"))).isEmpty();

        Span.Builder noModel = Span.newBuilder().setSpanId(SPAN_ID).addAttributes(text("gen_ai.provider.name", "openai"))
                .addAttributes(count("gen_ai.usage.input_tokens", 1));
        assertThat(rejection(noModel)).isEqualTo("no model: set gen_ai.response.model or gen_ai.request.model");
        Span.Builder noProvider = Span.newBuilder().setSpanId(SPAN_ID).addAttributes(text("gen_ai.request.model", "m"))
                .addAttributes(count("gen_ai.usage.input_tokens", 1));
        assertThat(rejection(noProvider)).isEqualTo("no provider: set gen_ai.provider.name (or gen_ai.system)");
        assertThat(rejection(chat().setSpanId(ByteString.EMPTY))).isEqualTo("span_id must be 8 bytes, got 0");
        assertThat(rejection(chat().setTraceId(ByteString.fromHex("5b8e")))).isEqualTo("trace_id must be 16 bytes, got 2");
        assertThat(rejection(chat().setSpanId(ByteString.copyFrom(new byte[8]))))
                .isEqualTo("span_id must not be all zeros (an invalid span id)");
        assertThat(rejection(chat().setTraceId(ByteString.copyFrom(new byte[16]))))
                .isEqualTo("trace_id must not be all zeros (an invalid trace id)");
    }

    @Test
    void the_start_time_stands_in_for_a_missing_end_time() {
        assertThat(event(chat().setEndTimeUnixNano(0).setStartTimeUnixNano(3_000_000_000L), List.of(), "t")
                .getOccurredTime().getSeconds()).isEqualTo(3);
        assertThat(event(chat().setEndTimeUnixNano(0), List.of(), "t").hasOccurredTime()).isFalse();
    }

    private static Span.Builder chat() {
        return Span.newBuilder().setSpanId(SPAN_ID).setTraceId(ByteString.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"))
                .setName("chat").setEndTimeUnixNano(1_700_000_000_000_000_000L)
                .addAttributes(text("gen_ai.provider.name", "openai"))
                .addAttributes(text("gen_ai.request.model", "gpt-5-mini"))
                .addAttributes(count("gen_ai.usage.input_tokens", 100))
                .addAttributes(count("gen_ai.usage.output_tokens", 20));
    }

    private static UsageEvent event(Span.Builder span, List<KeyValue> resource, String headerTenant) {
        List<SpanUsage> mapped = GenAiSpans.map(request(span, resource), Optional.of(headerTenant));
        assertThat(mapped).hasSize(1);
        assertThat(mapped.get(0)).isInstanceOf(SpanUsage.Event.class);
        return ((SpanUsage.Event) mapped.get(0)).event();
    }

    private static String rejection(Span.Builder span) {
        List<SpanUsage> mapped = GenAiSpans.map(request(span, List.of()), Optional.of("t"));
        assertThat(mapped).hasSize(1);
        assertThat(mapped.get(0)).isInstanceOf(SpanUsage.Rejected.class);
        return ((SpanUsage.Rejected) mapped.get(0)).reason();
    }

    private static ExportTraceServiceRequest request(Span.Builder span, List<KeyValue> resource) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
    }

    private static KeyValue text(String key, String value) {
        return kv(key, AnyValue.newBuilder().setStringValue(value));
    }

    private static KeyValue count(String key, long value) {
        return kv(key, AnyValue.newBuilder().setIntValue(value));
    }

    private static KeyValue kv(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}

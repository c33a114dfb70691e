package io.tokenledger.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EventValidationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> CLASSES = List.of("input_tokens", "cached_input_tokens",
            "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens",
            "input_audio_tokens", "output_audio_tokens", "input_image_tokens", "output_image_tokens",
            "embedding_tokens", "training_tokens", "training_epochs", "requests", "web_search_queries");

    private final EventValidation validation = new EventValidation(IngestLimits.defaults());

    @Test
    void a_well_formed_batch_passes() {
        assertThatCode(() -> validation.validate(List.of(event(e -> e), event(e -> e)), NOW)).doesNotThrowAnyException();
    }

    @Test
    void the_batch_needs_one_to_a_thousand_events() {
        assertThat(fields(List.of())).containsExactly("events");
        assertThat(fields(Collections.nCopies(1001, event(e -> e)))).containsExactly("events");
        assertThatCode(() -> validation.validate(Collections.nCopies(1000, event(e -> e)), NOW)).doesNotThrowAnyException();
    }

    @Test
    void the_batch_limit_is_configurable() {
        IngestLimits two = IngestLimits.defaults();
        two = new IngestLimits(2, two.maxEventIdLength(), two.maxTenantIdLength(), two.maxNameLength(),
                two.maxFutureSkew(), two.earliestOccurredTime(), two.maxUsageValue(), two.maxLabels(),
                two.maxLabelKeyLength(), two.maxLabelValueLength(), two.maxTraceIdLength());
        EventValidation small = new EventValidation(two);
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> small.validate(List.of(event(e -> e), event(e -> e), event(e -> e)), NOW));
        assertThat(invalid.violations()).containsExactly(new FieldViolation("events", "must contain 1..2 events, got 3"));
    }

    @Test
    void event_id_is_1_to_128_printable_ascii() {
        assertThat(fieldsOf(e -> e.eventId(""))).containsExactly("events[0].event_id");
        assertThat(fieldsOf(e -> e.eventId("x".repeat(129)))).containsExactly("events[0].event_id");
        assertThat(fieldsOf(e -> e.eventId("tab\there"))).containsExactly("events[0].event_id");
        assertThat(fieldsOf(e -> e.eventId("caf\u00e9"))).containsExactly("events[0].event_id");
        assertThat(fieldsOf(e -> e.eventId("x".repeat(128)))).isEmpty();
        assertThat(fieldsOf(e -> e.eventId("req 42/#a~"))).isEmpty();
    }

    @Test
    void tenant_id_is_1_to_64_of_the_allowed_characters() {
        assertThat(fieldsOf(e -> e.tenantId(""))).containsExactly("events[0].tenant_id");
        assertThat(fieldsOf(e -> e.tenantId("a".repeat(65)))).containsExactly("events[0].tenant_id");
        assertThat(fieldsOf(e -> e.tenantId("acme corp"))).containsExactly("events[0].tenant_id");
        assertThat(fieldsOf(e -> e.tenantId("acme/corp"))).containsExactly("events[0].tenant_id");
        assertThat(fieldsOf(e -> e.tenantId("Acme_Corp-1.eu"))).isEmpty();
        assertThat(fieldsOf(e -> e.tenantId("a".repeat(64)))).isEmpty();
    }

    @Test
    void occurred_time_is_required_and_within_range() {
        assertThat(fieldsOf(e -> e.occurred(null))).containsExactly("events[0].occurred_time");
        // 5 min in the future is the limit; one second more is rejected.
        assertThat(fieldsOf(e -> e.occurred(NOW.plusSeconds(300)))).isEmpty();
        assertThat(fieldsOf(e -> e.occurred(NOW.plusSeconds(301)))).containsExactly("events[0].occurred_time");
        assertThat(fieldsOf(e -> e.occurred(Instant.parse("2000-01-01T00:00:00Z")))).isEmpty();
        assertThat(fieldsOf(e -> e.occurred(Instant.parse("1999-12-31T23:59:59Z")))).containsExactly("events[0].occurred_time");
        assertThat(fieldsOf(e -> e.occurred(Instant.MAX))).containsExactly("events[0].occurred_time");
    }

    @Test
    void provider_and_model_are_required_and_at_most_128_characters() {
        assertThat(fieldsOf(e -> e.provider("").model(""))).containsExactly("events[0].provider", "events[0].model");
        assertThat(fieldsOf(e -> e.provider("p".repeat(129)).model("m".repeat(129))))
                .containsExactly("events[0].provider", "events[0].model");
        assertThat(fieldsOf(e -> e.provider("p".repeat(128)).model("m".repeat(128)))).isEmpty();
    }

    @Test
    void every_usage_count_is_between_0_and_10_to_the_12() {
        assertThat(fieldsOf(e -> e.usage("input_tokens", -1))).containsExactly("events[0].usage.input_tokens");
        assertThat(fieldsOf(e -> e.usage("web_search_queries", 1_000_000_000_001L)))
                .containsExactly("events[0].usage.web_search_queries");
        assertThat(fieldsOf(e -> e.usage("output_tokens", 1_000_000_000_000L))).isEmpty();
        for (String usageClass : CLASSES) {
            assertThat(fieldsOf(e -> e.usage(usageClass, -5))).contains("events[0].usage." + usageClass);
        }
    }

    @Test
    void an_event_needs_tokens_or_requests() {
        assertThat(fieldsOf(e -> e.usage("input_tokens", 0).usage("output_tokens", 0))).containsExactly("events[0].usage");
        // epochs and search queries alone are not tokens
        assertThat(fieldsOf(e -> e.usage("input_tokens", 0).usage("output_tokens", 0).usage("training_epochs", 3)
                .usage("web_search_queries", 2))).containsExactly("events[0].usage");
        assertThat(fieldsOf(e -> e.usage("input_tokens", 0).usage("output_tokens", 0).usage("requests", 1))).isEmpty();
        assertThat(fieldsOf(e -> e.usage("input_tokens", 0).usage("output_tokens", 0).usage("embedding_tokens", 7))).isEmpty();
    }

    @Test
    void labels_are_limited_in_number_key_shape_and_value_length() {
        assertThat(fieldsOf(e -> e.labels(33))).containsExactly("events[0].labels");
        assertThat(fieldsOf(e -> e.labels(32))).isEmpty();
        assertThat(fieldsOf(e -> e.label("Team", "x"))).containsExactly("events[0].labels[Team]");
        assertThat(fieldsOf(e -> e.label("k".repeat(65), "x"))).containsExactly("events[0].labels[" + "k".repeat(64) + "...]");
        assertThat(fieldsOf(e -> e.label("feature", "v".repeat(257)))).containsExactly("events[0].labels[feature]");
        assertThat(fieldsOf(e -> e.label("k8s.io/app:name_x-y", "v".repeat(256)))).isEmpty();
    }

    @Test
    void trace_id_is_at_most_256_characters() {
        assertThat(fieldsOf(e -> e.traceId("t".repeat(257)))).containsExactly("events[0].trace_id");
        assertThat(fieldsOf(e -> e.traceId("t".repeat(256)))).isEmpty();
    }

    @Test
    void reportedCostIsADecimalOfUsdFromZeroToAMillion() {
        assertThat(fieldsOf(e -> e.reportedCost("0.001038"))).isEmpty();
        assertThat(fieldsOf(e -> e.reportedCost("0"))).isEmpty();
        assertThat(fieldsOf(e -> e.reportedCost("1000000"))).isEmpty();
        // More than nine decimals is accepted: it is rounded once, half-even, to nano-USD when stored.
        assertThat(fieldsOf(e -> e.reportedCost("0.0000000015"))).isEmpty();
        assertThat(fieldsOf(e -> e.reportedCost("-0.01"))).containsExactly("events[0].reported_cost");
        assertThat(fieldsOf(e -> e.reportedCost("1000000.000000001"))).containsExactly("events[0].reported_cost");
        assertThat(fieldsOf(e -> e.reportedCost("$0.10"))).containsExactly("events[0].reported_cost");
        assertThat(fieldsOf(e -> e.reportedCost("1e3"))).containsExactly("events[0].reported_cost");
    }

    @Test
    void prompt_prefix_hash_is_at_most_128_printable_ascii_and_its_tokens_fit_the_prompt() {
        // The default event's prompt is 4,808 input tokens; cache reads and writes count as prompt too.
        assertThat(fieldsOf(e -> e.promptPrefix("h".repeat(128), 4808))).isEmpty();
        assertThat(fieldsOf(e -> e.promptPrefix("sha256:ab", 0))).isEmpty();
        assertThat(fieldsOf(e -> e.promptPrefix("h".repeat(129), 10))).containsExactly("events[0].prompt_prefix_hash");
        assertThat(fieldsOf(e -> e.promptPrefix("caf\u00e9", 10))).containsExactly("events[0].prompt_prefix_hash");
        assertThat(fieldsOf(e -> e.promptPrefix("h", 4809))).containsExactly("events[0].prompt_prefix_tokens");
        assertThat(fieldsOf(e -> e.promptPrefix("h", -1))).containsExactly("events[0].prompt_prefix_tokens");
        assertThat(fieldsOf(e -> e.promptPrefix("", 5))).containsExactly("events[0].prompt_prefix_tokens");
        // 4,808 input + 100 cached + 50 + 42 cache writes = 5,000.
        assertThat(fieldsOf(e -> e.usage("cached_input_tokens", 100).usage("cache_write_5m_tokens", 50)
                .usage("cache_write_1h_tokens", 42).promptPrefix("h", 5000))).isEmpty();
        assertThat(fieldsOf(e -> e.usage("cached_input_tokens", 100).usage("cache_write_5m_tokens", 50)
                .usage("cache_write_1h_tokens", 42).promptPrefix("h", 5001)))
                .containsExactly("events[0].prompt_prefix_tokens");
    }

    @Test
    void every_problem_of_every_event_is_reported_at_once_with_its_path() {
        List<UsageEvent> events = List.of(
                event(e -> e),
                event(e -> e.usage("input_tokens", -4).tenantId("bad tenant")),
                event(e -> e),
                event(e -> e.eventId("").occurred(null).label("BAD", "v").usage("output_tokens", 2_000_000_000_000L)));
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> validation.validate(events, NOW));
        assertThat(invalid.violations()).containsExactly(
                new FieldViolation("events[1].tenant_id", "must be 1..64 characters of [A-Za-z0-9._-]"),
                new FieldViolation("events[1].usage.input_tokens", "must be >= 0"),
                new FieldViolation("events[3].event_id", "must be 1..128 printable ASCII characters"),
                new FieldViolation("events[3].occurred_time", "is required"),
                new FieldViolation("events[3].usage.output_tokens", "must be <= 1000000000000"),
                new FieldViolation("events[3].labels[BAD]", "key must be 1..64 characters of [a-z0-9_.:/-]"));
        assertThat(invalid.reason()).isEqualTo("INVALID_ARGUMENT");
    }

    private List<String> fieldsOf(UnaryOperator<Builder> change) {
        return fields(List.of(event(change)));
    }

    private List<String> fields(List<UsageEvent> events) {
        try {
            validation.validate(events, NOW);
            return List.of();
        } catch (TokenLedgerException.Invalid invalid) {
            return invalid.violations().stream().map(FieldViolation::field).toList();
        }
    }

    private static UsageEvent event(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** A valid event, changed one rule at a time. */
    static final class Builder {
        private String eventId = "evt-1";
        private String tenantId = "acme";
        private Instant occurred = NOW.minusSeconds(60);
        private String provider = "openai";
        private String model = "gpt-5-mini";
        private final Map<String, Long> usage = new LinkedHashMap<>();
        private final Map<String, String> labels = new HashMap<>(Map.of("team", "search"));
        private String traceId = "";
        private ServiceTier serviceTier = ServiceTier.UNSPECIFIED;
        private String reportedCost = "";
        private String promptPrefixHash = "";
        private long promptPrefixTokens;

        Builder() {
            CLASSES.forEach(c -> usage.put(c, 0L));
            usage.put("input_tokens", 4808L);
            usage.put("output_tokens", 1200L);
        }

        Builder eventId(String v) { eventId = v; return this; }
        Builder tenantId(String v) { tenantId = v; return this; }
        Builder occurred(Instant v) { occurred = v; return this; }
        Builder provider(String v) { provider = v; return this; }
        Builder model(String v) { model = v; return this; }
        Builder usage(String k, long v) { usage.put(k, v); return this; }
        Builder label(String k, String v) { labels.put(k, v); return this; }
        Builder traceId(String v) { traceId = v; return this; }
        Builder reportedCost(String v) { reportedCost = v; return this; }
        Builder promptPrefix(String hash, long tokens) { promptPrefixHash = hash; promptPrefixTokens = tokens; return this; }

        Builder labels(int count) {
            labels.clear();
            for (int i = 0; i < count; i++) {
                labels.put("tag" + i, "v");
            }
            return this;
        }

        UsageEvent build() {
            return new UsageEvent(eventId, tenantId, Optional.ofNullable(occurred), provider, model, usage,
                    new HashMap<>(labels), traceId, serviceTier, reportedCost, promptPrefixHash, promptPrefixTokens,
                    Correction.NONE);
        }
    }
}

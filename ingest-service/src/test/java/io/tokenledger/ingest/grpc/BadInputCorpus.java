package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;

import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.ProviderApi;
import io.tokenledger.api.ingest.v1.ProviderUsage;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A generated corpus of malformed RecordUsage requests. Each case is one defect, put into the second event of a
 * two-event batch whose first event is valid (so "one bad event rejects the whole batch" is checked every time),
 * with the field path the rejection must name. Requests are raw bytes, so that the corpus can also hold what a
 * protobuf builder refuses to produce (invalid UTF-8).
 */
final class BadInputCorpus {

    /** One malformed request and the field path its rejection must name (a prefix for map keys). */
    record Case(String name, byte[] request, String field) {
    }

    private static final String MARK = "@@MARK@@";

    private BadInputCorpus() {
    }

    static List<Case> generate(String tenant) {
        List<Case> cases = new ArrayList<>();
        // Ids.
        add(cases, tenant, "missing event_id", e -> e.setEventId(""), "events[1].event_id");
        add(cases, tenant, "event_id of 129 characters", e -> e.setEventId("x".repeat(129)), "events[1].event_id");
        add(cases, tenant, "event_id with a newline", e -> e.setEventId("a\nb"), "events[1].event_id");
        add(cases, tenant, "event_id with non-ASCII", e -> e.setEventId("événement"), "events[1].event_id");
        add(cases, tenant, "missing tenant_id", e -> e.setTenantId(""), "events[1].tenant_id");
        add(cases, tenant, "tenant_id with a space", e -> e.setTenantId("acme corp"), "events[1].tenant_id");
        add(cases, tenant, "tenant_id of 65 characters", e -> e.setTenantId("t".repeat(65)), "events[1].tenant_id");
        // Time.
        add(cases, tenant, "missing occurred_time", UsageEvent.Builder::clearOccurredTime, "events[1].occurred_time");
        add(cases, tenant, "occurred_time one day ahead", e -> e.setOccurredTime(seconds(now() + 86_400)),
                "events[1].occurred_time");
        add(cases, tenant, "occurred_time year 9999", e -> e.setOccurredTime(seconds(253_402_300_799L)),
                "events[1].occurred_time");
        add(cases, tenant, "occurred_time beyond Instant", e -> e.setOccurredTime(seconds(Long.MAX_VALUE)),
                "events[1].occurred_time");
        add(cases, tenant, "occurred_time nanos -1", e -> e.setOccurredTime(e.getOccurredTime().toBuilder().setNanos(-1)),
                "events[1].occurred_time.nanos");
        add(cases, tenant, "occurred_time nanos 2 seconds' worth", e -> e.setOccurredTime(e.getOccurredTime().toBuilder()
                .setNanos(2_000_000_000)), "events[1].occurred_time.nanos");
        add(cases, tenant, "occurred_time in 1970", e -> e.setOccurredTime(seconds(0)), "events[1].occurred_time");
        add(cases, tenant, "occurred_time before the epoch", e -> e.setOccurredTime(seconds(-62_135_596_800L)),
                "events[1].occurred_time");
        add(cases, tenant, "occurred_time far below Instant", e -> e.setOccurredTime(seconds(Long.MIN_VALUE)),
                "events[1].occurred_time");
        // Names.
        add(cases, tenant, "missing provider", e -> e.setProvider(""), "events[1].provider");
        add(cases, tenant, "missing model", e -> e.setModel(""), "events[1].model");
        add(cases, tenant, "model of 129 characters", e -> e.setModel("m".repeat(129)), "events[1].model");
        add(cases, tenant, "provider of 129 emoji", e -> e.setProvider("\uD83D\uDE00".repeat(129)), "events[1].provider");
        // Usage: every count of every class, negative and absurd.
        for (var field : TokenUsage.getDescriptor().getFields()) {
            add(cases, tenant, "negative " + field.getName(),
                    e -> e.setUsage(e.getUsage().toBuilder().setField(field, -1L)), "events[1].usage." + field.getName());
            add(cases, tenant, "absurd " + field.getName(),
                    e -> e.setUsage(e.getUsage().toBuilder().setField(field, Long.MAX_VALUE)),
                    "events[1].usage." + field.getName());
        }
        add(cases, tenant, "10^12 + 1 input tokens",
                e -> e.setUsage(e.getUsage().toBuilder().setInputTokens(1_000_000_000_001L)), "events[1].usage.input_tokens");
        add(cases, tenant, "no usage at all", UsageEvent.Builder::clearUsage, "events[1].usage");
        add(cases, tenant, "all counts zero", e -> e.setUsage(TokenUsage.getDefaultInstance()), "events[1].usage");
        // Labels.
        add(cases, tenant, "33 labels", e -> {
            for (int i = 0; i < 33; i++) {
                e.putLabels("tag" + i, "v");
            }
            return e;
        }, "events[1].labels");
        add(cases, tenant, "label key in upper case", e -> e.putLabels("Team", "x"), "events[1].labels[Team]");
        add(cases, tenant, "label key with a space", e -> e.putLabels("cost center", "x"), "events[1].labels[cost center]");
        add(cases, tenant, "empty label key", e -> e.putLabels("", "x"), "events[1].labels[]");
        add(cases, tenant, "label key of 65 characters", e -> e.putLabels("k".repeat(65), "x"), "events[1].labels[");
        add(cases, tenant, "label key of 1 MiB", e -> e.putLabels("k".repeat(1 << 20), "x"), "events[1].labels[");
        add(cases, tenant, "label value of 257 characters", e -> e.putLabels("note", "v".repeat(257)),
                "events[1].labels[note]");
        add(cases, tenant, "label value of 1 MiB", e -> e.putLabels("note", "v".repeat(1 << 20)), "events[1].labels[note]");
        add(cases, tenant, "trace_id of 257 characters", e -> e.setTraceId("t".repeat(257)), "events[1].trace_id");
        // Provider usage blocks (normalized before validation).
        add(cases, tenant, "usage and provider_usage both set", e -> e.setProviderUsage(openAiChat(
                "{\"prompt_tokens\": 10, \"completion_tokens\": 2}")), "events[1].provider_usage");
        add(cases, tenant, "provider_usage api unset", e -> e.clearUsage().setProviderUsage(ProviderUsage.newBuilder()
                .setUsageJson("{\"prompt_tokens\": 10}")), "events[1].provider_usage");
        add(cases, tenant, "provider_usage api raw value 99", e -> e.clearUsage().setProviderUsage(ProviderUsage
                .newBuilder().setApiValue(99).setUsageJson("{\"prompt_tokens\": 10}")), "events[1].provider_usage");
        add(cases, tenant, "provider_usage not JSON", e -> e.clearUsage().setProviderUsage(openAiChat("{prompt")),
                "events[1].provider_usage");
        add(cases, tenant, "provider_usage nested 200,000 deep", e -> e.clearUsage().setProviderUsage(openAiChat(
                "[".repeat(200_000))), "events[1].provider_usage");
        add(cases, tenant, "provider_usage number of 5,001 digits", e -> e.clearUsage().setProviderUsage(openAiChat(
                "{\"prompt_tokens\": 1" + "0".repeat(5_000) + ", \"completion_tokens\": 1}")), "events[1].provider_usage");
        add(cases, tenant, "cached tokens above prompt tokens", e -> e.clearUsage().setProviderUsage(openAiChat(
                "{\"prompt_tokens\": 10, \"completion_tokens\": 2, \"prompt_tokens_details\": {\"cached_tokens\": 11}}")),
                "events[1].provider_usage");
        add(cases, tenant, "negative completion tokens", e -> e.clearUsage().setProviderUsage(openAiChat(
                "{\"prompt_tokens\": 10, \"completion_tokens\": -2}")), "events[1].provider_usage");
        add(cases, tenant, "reasoning above completion tokens", e -> e.clearUsage().setProviderUsage(openAiChat(
                "{\"prompt_tokens\": 10, \"completion_tokens\": 2, \"completion_tokens_details\": {\"reasoning_tokens\": 3}}")),
                "events[1].provider_usage");
        // Batches.
        cases.add(new Case("empty batch", RecordUsageRequest.getDefaultInstance().toByteArray(), "events"));
        RecordUsageRequest.Builder big = RecordUsageRequest.newBuilder();
        for (int i = 0; i < 1_001; i++) {
            big.addEvents(event(tenant, "big-" + i, "gpt-5-mini", 10, 1));
        }
        cases.add(new Case("1,001 events", big.build().toByteArray(), "events"));
        cases.add(new Case("1,000 events without tenant_id", everyEventWithoutTenant().toByteArray(),
                "events[0].tenant_id"));
        // Bytes no protobuf builder produces: invalid UTF-8 in a label value, key and the event id.
        cases.add(rawUtf8(tenant, "invalid UTF-8 in a label value", e -> e.putLabels("note", MARK), new byte[] {(byte) 0xC3, 0x28}));
        cases.add(rawUtf8(tenant, "invalid UTF-8 in a label key", e -> e.putLabels(MARK, "x"), new byte[] {(byte) 0xFF}));
        cases.add(rawUtf8(tenant, "invalid UTF-8 in the event id", e -> e.setEventId(MARK), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        return cases;
    }

    /** The batch limit's worth of events that all lack their tenant: 1,000 violations for one answer. */
    static RecordUsageRequest everyEventWithoutTenant() {
        RecordUsageRequest.Builder batch = RecordUsageRequest.newBuilder();
        for (int i = 0; i < 1_000; i++) {
            batch.addEvents(event("", "no-tenant-" + i, "gpt-5-mini", 10, 1));
        }
        return batch.build();
    }

    /** A request with an unknown field (number 999): accepted, as proto3 requires for forward compatibility. */
    static RecordUsageRequest withUnknownField(String tenant, String eventId) {
        return RecordUsageRequest.newBuilder().addEvents(event(tenant, eventId, "gpt-5-mini", 10, 1)
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(999,
                        UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build())).build();
    }

    private static void add(List<Case> cases, String tenant, String name, UnaryOperator<UsageEvent.Builder> defect,
            String field) {
        int n = cases.size();
        UsageEvent good = event(tenant, "bad-" + n + "-ok", "gpt-5-mini", 10, 1).build();
        UsageEvent bad = defect.apply(event(tenant, "bad-" + n, "gpt-5-mini", 10, 1)).build();
        cases.add(new Case(name, RecordUsageRequest.newBuilder().addEvents(good).addEvents(bad).build().toByteArray(),
                field));
    }

    /** Serializes with a marker string, then overwrites the marker's bytes in place (lengths stay valid). */
    private static Case rawUtf8(String tenant, String name, UnaryOperator<UsageEvent.Builder> withMark, byte[] bad) {
        byte[] request = RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "utf8-ok", "gpt-5-mini", 10, 1))
                .addEvents(withMark.apply(event(tenant, "utf8-" + name.length(), "gpt-5-mini", 10, 1)))
                .build().toByteArray();
        byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(request, mark);
        Arrays.fill(request, at, at + mark.length, (byte) 'a');
        System.arraycopy(bad, 0, request, at, bad.length);
        return new Case(name, request, "events");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }

    private static ProviderUsage openAiChat(String json) {
        return ProviderUsage.newBuilder().setApi(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS).setUsageJson(json)
                .build();
    }

    private static Timestamp seconds(long seconds) {
        return Timestamp.newBuilder().setSeconds(seconds).build();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}

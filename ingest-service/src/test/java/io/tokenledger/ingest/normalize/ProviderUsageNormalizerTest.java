package io.tokenledger.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.ProviderApi;
import io.tokenledger.api.ingest.v1.ProviderUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input shapes (body, batch line, stream), provider quirks, and the request-level rules of the mapping hook. */
class ProviderUsageNormalizerTest {

    private static final String PATH = "events[0].provider_usage";

    private static NormalizedUsage normalize(ProviderApi api, String json) {
        return ProviderUsageNormalizer.normalize(api, json.replace('\'', '"'), "", PATH);
    }

    private static TokenLedgerException.Invalid invalid(ProviderApi api, String json, String reportedCost) {
        return catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> ProviderUsageNormalizer.normalize(api, json, reportedCost, PATH));
    }

    @Test
    void openai_batch_output_line_is_unwrapped() {
        NormalizedUsage usage = normalize(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, "{'custom_id': 'r1',"
                + " 'response': {'status_code': 200, 'body': {'usage': {'prompt_tokens': 100, 'completion_tokens': 7,"
                + " 'prompt_tokens_details': {'cached_tokens': 40}}}}}");
        // prompt 100 includes cached 40 -> input 60.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 60L, "cached_input_tokens", 40L, "output_tokens", 7L));
    }

    @Test
    void responses_stream_takes_the_completed_event() {
        NormalizedUsage usage = normalize(ProviderApi.PROVIDER_API_OPENAI_RESPONSES,
                "event: response.created\ndata: {'type': 'response.created', 'response': {'usage': null}}\n\n"
                + "event: response.completed\ndata: {'type': 'response.completed', 'response': {'output':"
                + " [{'type': 'web_search_call'}, {'type': 'message'}], 'usage': {'input_tokens': 50,"
                + " 'input_tokens_details': {'cached_tokens': 20}, 'output_tokens': 9}}}\n\n");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 30L,
                "cached_input_tokens", 20L, "output_tokens", 9L, "web_search_queries", 1L));
    }

    @Test
    void gemini_json_array_stream_and_converse_stream_metadata_take_the_final_usage() {
        assertThat(normalize(ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT, "[{'usageMetadata': {"
                + "'promptTokenCount': 15}}, {'usageMetadata': {'promptTokenCount': 13, 'candidatesTokenCount': 8}}]")
                .usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 13L, "output_tokens", 8L));
        assertThat(normalize(ProviderApi.PROVIDER_API_BEDROCK_CONVERSE, "{'metadata': {'usage': {'inputTokens': 4,"
                + " 'outputTokens': 2, 'cacheWriteInputTokens': 10, 'cacheDetails': [{'inputTokens': 10,"
                + " 'ttl': '1h'}]}}}").usage())
                .containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 4L, "output_tokens", 2L,
                        "cache_write_1h_tokens", 10L));
    }

    @Test
    void xai_reasoning_reported_beside_completion_tokens_is_not_subtracted() {
        // total 329 = prompt 10 + completion 1 + reasoning 318: reasoning is outside completion_tokens.
        NormalizedUsage usage = normalize(ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE, "{'prompt_tokens': 10,"
                + " 'completion_tokens': 1, 'total_tokens': 329, 'completion_tokens_details': {'reasoning_tokens': 318}}");
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("input_tokens", 10L, "output_tokens", 1L, "reasoning_tokens", 318L));
    }

    @Test
    void anthropic_one_hour_writes_and_writes_without_a_split() {
        assertThat(normalize(ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES, "{'input_tokens': 5,"
                + " 'cache_creation_input_tokens': 300, 'cache_creation': {'ephemeral_5m_input_tokens': 100,"
                + " 'ephemeral_1h_input_tokens': 200}, 'output_tokens': 1}").usage())
                .containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 5L, "cache_write_5m_tokens", 100L,
                        "cache_write_1h_tokens", 200L, "output_tokens", 1L));
        // No split (older responses): all writes take the default 5-minute lifetime.
        assertThat(normalize(ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES,
                "{'input_tokens': 5, 'cache_creation_input_tokens': 300}").usage())
                .containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 5L, "cache_write_5m_tokens", 300L));
    }

    @Test
    void gemini_tool_use_prompt_tokens_are_input_and_image_candidates_are_output_images() {
        assertThat(normalize(ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT, "{'usageMetadata': {"
                + "'promptTokenCount': 10, 'toolUsePromptTokenCount': 5, 'candidatesTokenCount': 1300,"
                + " 'candidatesTokensDetails': [{'modality': 'IMAGE', 'tokenCount': 1290}, {'modality': 'TEXT',"
                + " 'tokenCount': 10}]}}").usage())
                .containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 15L, "output_tokens", 10L,
                        "output_image_tokens", 1_290L));
    }

    @Test
    void a_reported_cost_given_by_the_client_wins_over_the_body() {
        NormalizedUsage usage = ProviderUsageNormalizer.normalize(ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE,
                "{\"prompt_tokens\": 1, \"cost\": 0.5}", "0.25", PATH);
        assertThat(usage.reportedCost()).contains(new BigDecimal("0.25"));
    }

    @Test
    void unreadable_input_is_rejected_without_echoing_it() {
        assertThat(invalid(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, "{\"prompt_tokens\": secret", "")
                .violations()).extracting(FieldViolation::field).containsExactly(PATH + ".usage_json");
        assertThat(invalid(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, "{\"prompt_tokens\": secret", "")
                .getMessage()).doesNotContain("secret");
        assertThat(invalid(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, "hello", "").violations())
                .extracting(FieldViolation::field).containsExactly(PATH + ".usage_json");
        assertThat(invalid(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, "{\"id\": \"x\"}", "").violations())
                .extracting(FieldViolation::description).containsExactly(
                        "has no PROVIDER_API_OPENAI_CHAT_COMPLETIONS usage block");
        assertThat(invalid(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, "data: {\"usage\": {}}\n\ndata: {oops\n", "")
                .violations()).extracting(FieldViolation::description).containsExactly(
                        "has a stream data line (line 3) that is not valid JSON (at line 1, column 2)");
        assertThat(invalid(ProviderApi.PROVIDER_API_UNSPECIFIED, "{}", "").violations())
                .extracting(FieldViolation::field).containsExactly(PATH + ".api");
        assertThat(invalid(ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE, "{\"prompt_tokens\": 1}", "cheap")
                .violations()).extracting(FieldViolation::field).containsExactly(PATH + ".reported_cost");
    }

    @Test
    void the_hook_replaces_provider_usage_by_canonical_usage() {
        UsageEvent event = event("e-1").setProviderUsage(ProviderUsage.newBuilder()
                .setApi(ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES)
                .setUsageJson("{\"input_tokens\": 3, \"cache_read_input_tokens\": 7, \"output_tokens\": 2}")).build();
        List<io.tokenledger.ingest.domain.UsageEvent> domain = ProviderUsages.toDomain(List.of(event));
        assertThat(domain.get(0).usage()).containsEntry("input_tokens", 3L).containsEntry("cached_input_tokens", 7L)
                .containsEntry("output_tokens", 2L).doesNotContainKey("cache_write_5m_tokens"); // zero classes are absent
    }

    @Test
    void the_hook_collects_every_event_problem_and_rejects_usage_with_provider_usage() {
        ProviderUsage bad = ProviderUsage.newBuilder().setApi(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS)
                .setUsageJson("{\"prompt_tokens\": 3, \"prompt_tokens_details\": {\"cached_tokens\": 4}}").build();
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> ProviderUsages.toDomain(List.of(
                        event("ok").setUsage(TokenUsage.newBuilder().setInputTokens(1)).build(),
                        event("both").setUsage(TokenUsage.newBuilder().setInputTokens(1)).setProviderUsage(bad).build(),
                        event("bad").setProviderUsage(bad).build())));
        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly(
                "events[1].provider_usage",
                "events[2].provider_usage.usage_json.prompt_tokens_details.cached_tokens");
    }

    private static UsageEvent.Builder event(String id) {
        return UsageEvent.newBuilder().setEventId(id).setTenantId("t").setProvider("anthropic").setModel("m")
                .setOccurredTime(Timestamp.newBuilder().setSeconds(1_700_000_000L));
    }
}

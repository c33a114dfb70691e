package io.tokenledger.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.api.ingest.v1.ProviderApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every fixture listed in provider-responses/index.json has its own conformance test (the list below), and every
 * one normalizes under the API index.json names into classes that add up to the provider's reported total.
 */
class FixtureCoverageTest {

    /** The fixtures with a hand-worked conformance test in the *ConformanceTest classes. */
    private static final Set<String> TESTED = Set.of(
            "openai_chat_gpt-4o_tool_call.json", "openai_chat_o3-mini_reasoning.json",
            "openai_chat_gpt-4o-audio_audio_input.json", "openai_chat_gpt-5.6-sol_cached.json",
            "openai_chat_gpt-4o-mini_stream_include_usage.sse", "openai_responses_gpt-4o_tool_call.json",
            "openai_responses_o3-mini_reasoning.json", "openai_responses_gpt-5_web_search_cached_reasoning.json",
            "openai_responses_gpt-5.6-sol_cached.json", "openai_embeddings_text-embedding-3-small.json",
            "openai_realtime_gpt-realtime_response_done_audio_in_out.json",
            "openai_realtime_gpt-realtime_response_done_text_in_audio_out.json",
            "anthropic_messages_claude-3-opus_basic.json", "anthropic_messages_claude-sonnet-4-5_cache_write_read.json",
            "anthropic_messages_claude-haiku-4-5_parallel_tool_use.json",
            "anthropic_messages_claude-sonnet-4_thinking_tool_use.json", "anthropic_messages_claude-sonnet-4_web_search.json",
            "anthropic_bedrock_invoke_claude-haiku-4-5_cache.json", "anthropic_messages_claude-sonnet-4_thinking_stream.sse",
            "gemini_generatecontent_gemini-2.5-flash_thinking.json", "gemini_generatecontent_gemini-2.0-flash_image_input.json",
            "gemini_generatecontent_gemini-2.5-flash_video_cached_thinking.json",
            "gemini_generatecontent_gemini-2.5-pro_function_call.json",
            "gemini_generatecontent_gemini-2.0-flash_audio_input.json", "gemini_streamgeneratecontent_gemini-2.0-flash.sse",
            "bedrock_converse_nova-micro_basic.json", "bedrock_converse_claude-sonnet-4-5_cache_write_read.json",
            "bedrock_converse_claude-3-7-sonnet_thinking_tool_use.json",
            "deepseek_chat_deepseek-v4-flash_cached_reasoning_tool.json", "groq_chat_gpt-oss-120b_cached_reasoning.json",
            "mistral_chat_mistral-large_cached.json", "openrouter_chat_claude-sonnet_with_cost.json");

    /** index.json's "api" (with provider where it matters) to the API a client would declare. */
    private static final Map<String, ProviderApi> APIS = Map.ofEntries(
            Map.entry("chat.completions", ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS),
            Map.entry("chat.completions stream", ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS),
            Map.entry("chat.completions (OpenAI-compatible)", ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE),
            Map.entry("responses", ProviderApi.PROVIDER_API_OPENAI_RESPONSES),
            Map.entry("embeddings", ProviderApi.PROVIDER_API_OPENAI_EMBEDDINGS),
            Map.entry("realtime (WebSocket) response.done event", ProviderApi.PROVIDER_API_OPENAI_REALTIME),
            Map.entry("messages", ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES),
            Map.entry("messages stream", ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES),
            Map.entry("bedrock InvokeModel", ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES),
            Map.entry("generateContent", ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT),
            Map.entry("streamGenerateContent (SSE)", ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT),
            Map.entry("Converse", ProviderApi.PROVIDER_API_BEDROCK_CONVERSE));

    @Test
    void every_indexed_fixture_has_a_conformance_test_and_normalizes() throws IOException {
        JsonNode index = new ObjectMapper().readTree(Fixtures.read("index.json"));
        Set<String> indexed = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (JsonNode entry : index) {
            String file = entry.path("file").asText();
            indexed.add(file);
            ProviderApi api = APIS.get(entry.path("api").asText());
            if (api == null) {
                failures.add(file + ": unmapped api " + entry.path("api").asText());
                continue;
            }
            NormalizedUsage usage = Fixtures.normalize(api, file);
            // Disjoint classes conserve tokens: they add up to the provider's own total, where it reports one.
            long tokens = usage.usage().entrySet().stream().filter(e -> !e.getKey().equals("web_search_queries"))
                    .mapToLong(Map.Entry::getValue).sum();
            JsonNode reported = entry.path("usage");
            for (String total : List.of("total_tokens", "totalTokenCount", "totalTokens")) {
                if (reported.has(total) && reported.path(total).asLong() != tokens) {
                    failures.add(file + ": classes add up to " + tokens + ", " + total + " is " + reported.path(total));
                }
            }
            if (tokens == 0) {
                failures.add(file + ": no tokens");
            }
        }
        assertThat(failures).isEmpty();
        assertThat(indexed).hasSize(32).containsExactlyInAnyOrderElementsOf(TESTED);
    }
}

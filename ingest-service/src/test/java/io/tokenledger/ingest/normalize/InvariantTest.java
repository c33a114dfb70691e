package io.tokenledger.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tokenledger.api.ingest.v1.ProviderApi;
import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import org.junit.jupiter.api.Test;

/** One rejected block per invariant: each names the offending field under events[i].provider_usage.usage_json. */
class InvariantTest {

    private static final ProviderApi CHAT = ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS;
    private static final ProviderApi RESPONSES = ProviderApi.PROVIDER_API_OPENAI_RESPONSES;
    private static final ProviderApi REALTIME = ProviderApi.PROVIDER_API_OPENAI_REALTIME;
    private static final ProviderApi ANTHROPIC = ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES;
    private static final ProviderApi GEMINI = ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT;
    private static final ProviderApi CONVERSE = ProviderApi.PROVIDER_API_BEDROCK_CONVERSE;
    private static final ProviderApi COMPATIBLE = ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE;
    private static final String JSON = "events[2].provider_usage.usage_json.";

    private static FieldViolation rejected(ProviderApi api, String json) {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> ProviderUsageNormalizer.normalize(api, json.replace('\'', '"'), "", "events[2].provider_usage"));
        assertThat(invalid).as("rejected").isNotNull();
        assertThat(invalid.violations()).hasSize(1);
        return invalid.violations().get(0);
    }

    @Test
    void a_count_is_never_negative() {
        assertThat(rejected(CHAT, "{'prompt_tokens': -1, 'completion_tokens': 2}").field())
                .isEqualTo(JSON + "prompt_tokens");
        assertThat(rejected(ANTHROPIC, "{'input_tokens': 1, 'cache_read_input_tokens': -5}").field())
                .isEqualTo(JSON + "cache_read_input_tokens");
    }

    @Test
    void a_count_is_a_whole_number() {
        FieldViolation violation = rejected(CHAT, "{'prompt_tokens': 1.5, 'completion_tokens': 2}");
        assertThat(violation.field()).isEqualTo(JSON + "prompt_tokens");
        assertThat(violation.description()).contains("whole number");
    }

    @Test
    void chat_cached_tokens_never_exceed_prompt_tokens() {
        FieldViolation violation = rejected(CHAT,
                "{'prompt_tokens': 10, 'prompt_tokens_details': {'cached_tokens': 11}, 'completion_tokens': 1}");
        assertThat(violation.field()).isEqualTo(JSON + "prompt_tokens_details.cached_tokens");
        assertThat(violation.description()).isEqualTo("must not exceed prompt_tokens (11 > 10)");
    }

    @Test
    void chat_cache_writes_never_exceed_prompt_tokens() {
        assertThat(rejected(CHAT, "{'prompt_tokens': 10, 'prompt_tokens_details': {'cache_write_tokens': 12}}").field())
                .isEqualTo(JSON + "prompt_tokens_details.cache_write_tokens");
    }

    @Test
    void chat_audio_tokens_never_exceed_prompt_tokens() {
        assertThat(rejected(CHAT, "{'prompt_tokens': 10, 'prompt_tokens_details': {'audio_tokens': 12}}").field())
                .isEqualTo(JSON + "prompt_tokens_details.audio_tokens");
    }

    @Test
    void chat_prompt_parts_together_never_exceed_prompt_tokens() {
        assertThat(rejected(CHAT,
                "{'prompt_tokens': 10, 'prompt_tokens_details': {'cached_tokens': 6, 'audio_tokens': 6}}").field())
                .isEqualTo(JSON + "prompt_tokens");
    }

    @Test
    void chat_reasoning_tokens_never_exceed_completion_tokens() {
        assertThat(rejected(CHAT, "{'prompt_tokens': 1, 'completion_tokens': 5,"
                + " 'completion_tokens_details': {'reasoning_tokens': 6}}").field())
                .isEqualTo(JSON + "completion_tokens_details.reasoning_tokens");
    }

    @Test
    void chat_completion_parts_together_never_exceed_completion_tokens() {
        assertThat(rejected(CHAT, "{'prompt_tokens': 1, 'completion_tokens': 5,"
                + " 'completion_tokens_details': {'reasoning_tokens': 3, 'audio_tokens': 3}}").field())
                .isEqualTo(JSON + "completion_tokens");
    }

    @Test
    void responses_cached_and_reasoning_never_exceed_their_totals() {
        assertThat(rejected(RESPONSES, "{'input_tokens': 4, 'input_tokens_details': {'cached_tokens': 5}}").field())
                .isEqualTo(JSON + "input_tokens_details.cached_tokens");
        assertThat(rejected(RESPONSES, "{'input_tokens': 4, 'output_tokens': 2,"
                + " 'output_tokens_details': {'reasoning_tokens': 3}}").field())
                .isEqualTo(JSON + "output_tokens_details.reasoning_tokens");
    }

    @Test
    void responses_audio_and_image_details_never_exceed_their_totals() {
        assertThat(rejected(RESPONSES, "{'input_tokens': 10, 'input_tokens_details': {'audio_tokens': 11}}").field())
                .isEqualTo(JSON + "input_tokens_details.audio_tokens");
        assertThat(rejected(RESPONSES, "{'input_tokens': 10, 'input_tokens_details': {'image_tokens': 11}}").field())
                .isEqualTo(JSON + "input_tokens_details.image_tokens");
        assertThat(rejected(RESPONSES, "{'input_tokens': 1, 'output_tokens': 4,"
                + " 'output_tokens_details': {'audio_tokens': 5}}").field())
                .isEqualTo(JSON + "output_tokens_details.audio_tokens");
        FieldViolation image = rejected(RESPONSES, "{'input_tokens': 1, 'output_tokens': 4,"
                + " 'output_tokens_details': {'image_tokens': 5}}");
        assertThat(image.field()).isEqualTo(JSON + "output_tokens_details.image_tokens");
        assertThat(image.description()).isEqualTo("must not exceed output_tokens (5 > 4)");
    }

    @Test
    void responses_parts_together_never_exceed_their_totals() {
        // cached 6 + audio 6 = 12 > input 10: each part fits, but together they would count tokens twice.
        FieldViolation input = rejected(RESPONSES, "{'input_tokens': 10, 'input_tokens_details': {'cached_tokens': 6,"
                + " 'audio_tokens': 6}}");
        assertThat(input.field()).isEqualTo(JSON + "input_tokens");
        assertThat(input.description())
                .isEqualTo("must be at least cached_tokens + cache_write_tokens + audio_tokens (10 < 12)");
        assertThat(rejected(RESPONSES, "{'input_tokens': 1, 'output_tokens': 5,"
                + " 'output_tokens_details': {'reasoning_tokens': 3, 'image_tokens': 3}}").field())
                .isEqualTo(JSON + "output_tokens");
    }

    @Test
    void embeddings_prompt_tokens_never_exceed_total_tokens() {
        assertThat(rejected(ProviderApi.PROVIDER_API_OPENAI_EMBEDDINGS, "{'prompt_tokens': 5, 'total_tokens': 4}")
                .field()).isEqualTo(JSON + "prompt_tokens");
    }

    @Test
    void realtime_modalities_add_up_to_their_totals() {
        assertThat(rejected(REALTIME, "{'input_tokens': 10, 'input_token_details': {'text_tokens': 4,"
                + " 'audio_tokens': 5}}").field()).isEqualTo(JSON + "input_token_details.text_tokens");
        assertThat(rejected(REALTIME, "{'input_tokens': 10, 'output_tokens': 10, 'output_token_details':"
                + " {'text_tokens': 4, 'audio_tokens': 5}}").field()).isEqualTo(JSON + "output_token_details.text_tokens");
    }

    @Test
    void realtime_cached_audio_never_exceeds_audio() {
        assertThat(rejected(REALTIME, "{'input_tokens': 10, 'input_token_details': {'audio_tokens': 2,"
                + " 'cached_tokens': 3, 'cached_tokens_details': {'text_tokens': 0, 'audio_tokens': 3}}}").field())
                .isEqualTo(JSON + "input_token_details.cached_tokens_details.audio_tokens");
    }

    @Test
    void realtime_cached_split_adds_up_to_cached_tokens() {
        assertThat(rejected(REALTIME, "{'input_tokens': 10, 'input_token_details': {'cached_tokens': 4,"
                + " 'cached_tokens_details': {'text_tokens': 1}}}").field())
                .isEqualTo(JSON + "input_token_details.cached_tokens_details");
    }

    @Test
    void anthropic_cache_creation_split_never_exceeds_cache_creation_input_tokens() {
        assertThat(rejected(ANTHROPIC, "{'input_tokens': 1, 'cache_creation_input_tokens': 10, 'cache_creation':"
                + " {'ephemeral_5m_input_tokens': 6, 'ephemeral_1h_input_tokens': 6}}").field())
                .isEqualTo(JSON + "cache_creation");
    }

    @Test
    void gemini_cached_content_never_exceeds_the_prompt() {
        assertThat(rejected(GEMINI, "{'promptTokenCount': 10, 'cachedContentTokenCount': 11}").field())
                .isEqualTo(JSON + "cachedContentTokenCount");
    }

    @Test
    void gemini_prompt_modalities_never_exceed_the_prompt() {
        assertThat(rejected(GEMINI, "{'promptTokenCount': 10, 'promptTokensDetails': [{'modality': 'TEXT',"
                + " 'tokenCount': 6}, {'modality': 'AUDIO', 'tokenCount': 6}]}").field())
                .isEqualTo(JSON + "promptTokensDetails");
        assertThat(rejected(GEMINI, "{'promptTokenCount': 10, 'promptTokensDetails': [{'modality': 'TEXT',"
                + " 'tokenCount': -6}]}").field()).isEqualTo(JSON + "promptTokensDetails[0].tokenCount");
    }

    @Test
    void gemini_cached_audio_never_exceeds_prompt_audio() {
        assertThat(rejected(GEMINI, "{'promptTokenCount': 10, 'cachedContentTokenCount': 5, 'promptTokensDetails':"
                + " [{'modality': 'AUDIO', 'tokenCount': 2}], 'cacheTokensDetails': [{'modality': 'AUDIO',"
                + " 'tokenCount': 3}]}").field()).isEqualTo(JSON + "cacheTokensDetails");
    }

    @Test
    void converse_cache_details_never_exceed_cache_writes() {
        assertThat(rejected(CONVERSE, "{'inputTokens': 1, 'cacheWriteInputTokens': 5, 'cacheDetails':"
                + " [{'inputTokens': 6, 'ttl': '5m'}]}").field()).isEqualTo(JSON + "cacheDetails");
        assertThat(rejected(CONVERSE, "{'inputTokens': 1, 'cacheWriteInputTokens': 5, 'cacheDetails':"
                + " [{'inputTokens': 5, 'ttl': '2d'}]}").field()).isEqualTo(JSON + "cacheDetails[0].ttl");
    }

    @Test
    void converse_both_spellings_of_a_cache_count_agree() {
        assertThat(rejected(CONVERSE, "{'inputTokens': 1, 'cacheReadInputTokens': 5, 'cacheReadInputTokenCount': 6}")
                .field()).isEqualTo(JSON + "cacheReadInputTokenCount");
    }

    @Test
    void deepseek_hit_and_miss_add_up_to_prompt_tokens() {
        assertThat(rejected(COMPATIBLE, "{'prompt_tokens': 10, 'prompt_cache_hit_tokens': 4,"
                + " 'prompt_cache_miss_tokens': 5}").field()).isEqualTo(JSON + "prompt_cache_miss_tokens");
        assertThat(rejected(COMPATIBLE, "{'prompt_tokens': 10, 'prompt_cache_hit_tokens': 4,"
                + " 'prompt_cache_miss_tokens': 6, 'prompt_tokens_details': {'cached_tokens': 3}}").field())
                .isEqualTo(JSON + "prompt_tokens_details.cached_tokens");
    }

    @Test
    void openrouter_cost_is_never_negative() {
        assertThat(rejected(COMPATIBLE, "{'prompt_tokens': 10, 'cost': -0.1}").field()).isEqualTo(JSON + "cost");
    }
}

package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Fixtures.cost;
import static io.tokenledger.ingest.normalize.Fixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.api.ingest.v1.ProviderApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Audio and image details in an OpenAI Responses usage block (hand-written blocks: no captured fixture reports them;
 * OpenAI's Responses usage has only cached and reasoning details today). They are subsets of input_tokens and
 * output_tokens, as in Chat Completions, so each token lands in exactly one class (InvariantTest rejects the blocks
 * that break this).
 */
class ResponsesAudioImageTest {

    private static final ProviderApi RESPONSES = ProviderApi.PROVIDER_API_OPENAI_RESPONSES;

    private static NormalizedUsage normalize(String json) {
        return ProviderUsageNormalizer.normalize(RESPONSES, json.replace('\'', '"'), "", Fixtures.PATH);
    }

    @Test
    void audio_is_taken_out_of_input_and_output_once() {
        NormalizedUsage usage = normalize("{'input_tokens': 1000, 'input_tokens_details': {'cached_tokens': 200,"
                + " 'audio_tokens': 300}, 'output_tokens': 500, 'output_tokens_details': {'reasoning_tokens': 100,"
                + " 'audio_tokens': 250}, 'total_tokens': 1500}");
        // input 1,000 - cached 200 - audio 300 = 500; output 500 - reasoning 100 - audio 250 = 150.
        // 500 + 200 + 300 + 150 + 100 + 250 = 1,500 = total_tokens: nothing counted twice or dropped.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 500L,
                "cached_input_tokens", 200L, "input_audio_tokens", 300L, "output_tokens", 150L,
                "reasoning_tokens", 100L, "output_audio_tokens", 250L));
        // At gpt-realtime's LiteLLM prices ($4 text in, $0.40 cached, $32 audio in, $16 text out and reasoning,
        // $64 audio out): 500 x 4 = 2,000 + 200 x 0.40 = 80 + 300 x 32 = 9,600 + 150 x 16 = 2,400
        // + 100 x 16 = 1,600 + 250 x 64 = 16,000 -> 31,680 micro-USD = 31,680,000 nano-USD.
        assertThat(cost(usage.usage(), prices("input_tokens", "4", "cached_input_tokens", "0.4",
                "input_audio_tokens", "32", "output_tokens", "16", "output_audio_tokens", "64"))).isEqualTo(31_680_000L);
    }

    @Test
    void prompt_image_tokens_stay_input_and_output_image_tokens_are_their_own_class() {
        NormalizedUsage usage = normalize("{'input_tokens': 1100, 'input_tokens_details': {'image_tokens': 1000},"
                + " 'output_tokens': 1300, 'output_tokens_details': {'image_tokens': 1024}}");
        // Prompt image tokens are billed at the text input rate, so all 1,100 stay input; output 1,300 - image 1,024
        // = 276 text.
        assertThat(usage.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("input_tokens", 1_100L,
                "output_tokens", 276L, "output_image_tokens", 1_024L));
    }
}

package io.tokenledger.ingest.normalize;

import static io.tokenledger.ingest.normalize.Canonical.EMBEDDING;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** OpenAI Embeddings: every {@code prompt_tokens} token is an embedding token; nothing is generated. */
class OpenAiEmbeddingsNormalizer implements UsageNormalizer {

    @Override
    public JsonNode locate(JsonNode document) {
        return UsageNormalizer.firstObject(document, List.of("usage", "response.body.usage"), "prompt_tokens");
    }

    @Override
    public Map<String, Long> normalize(UsageBlock block, JsonNode document) {
        long prompt = block.count("prompt_tokens");
        if (block.has("total_tokens")) {
            block.checkPart(prompt, "prompt_tokens", block.count("total_tokens"), "total_tokens");
        }
        return new Canonical().put(EMBEDDING, prompt).build();
    }
}

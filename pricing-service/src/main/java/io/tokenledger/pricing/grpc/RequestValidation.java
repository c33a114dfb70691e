package io.tokenledger.pricing.grpc;

import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.CandidateModel;
import io.tokenledger.api.pricing.v1.CompareModelsRequest;
import io.tokenledger.api.pricing.v1.GetModelPriceRequest;
import io.tokenledger.api.pricing.v1.ImportCatalogRequest;
import io.tokenledger.api.pricing.v1.ListModelsRequest;
import io.tokenledger.api.pricing.v1.ResolveModelRequest;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.platform.error.Violations;

/** Checks requests at the edge and reports every problem with its field path, e.g. {@code items[2].model}. */
final class RequestValidation {

    static final int MAX_ITEMS = 10_000;
    static final int MAX_CANDIDATES = 1_000;

    private RequestValidation() {
    }

    static void check(PriceUsageRequest request) {
        Violations violations = new Violations();
        int count = request.getItemsCount();
        violations.check(count <= MAX_ITEMS, "items", "at most " + MAX_ITEMS + " items per request, got " + count);
        if (count <= MAX_ITEMS) {
            for (int i = 0; i < count; i++) {
                PriceItem item = request.getItems(i);
                // Field paths are built only for a bad item: a valid 10,000-item batch allocates no strings here.
                if (item.getProvider().isBlank()) {
                    violations.add("items[" + i + "].provider", "is required");
                }
                if (item.getModel().isBlank()) {
                    violations.add("items[" + i + "].model", "is required");
                }
                if (item.getServiceTierValue() < 0 || item.getServiceTierValue() > 4) {
                    violations.add("items[" + i + "].service_tier", "is not a known service tier");
                }
                if (hasNegative(item.getUsage())) {
                    usage(violations, item.getUsage(), "items[" + i + "].usage");
                }
            }
        }
        violations.throwIfAny();
    }

    static void check(GetModelPriceRequest request) {
        Violations violations = new Violations();
        required(violations, request.getProvider(), "provider");
        required(violations, request.getModel(), "model");
        violations.throwIfAny();
    }

    static void check(ImportCatalogRequest request) {
        Violations violations = new Violations();
        violations.check("litellm".equalsIgnoreCase(request.getFormat().trim()), "format",
                "unsupported catalog format '" + request.getFormat() + "'; supported: litellm");
        violations.check(request.getContent().isEmpty() != request.getServerPath().isBlank(), "content",
                "set either content or server_path, exactly one");
        violations.throwIfAny();
    }

    static void check(ResolveModelRequest request) {
        Violations violations = new Violations();
        required(violations, request.getProvider(), "provider");
        required(violations, request.getModel(), "model");
        violations.throwIfAny();
    }

    static void check(ListModelsRequest request) {
        new Violations().check(request.getPageSize() >= 0, "page_size", "must be >= 0").throwIfAny();
    }

    static void check(CompareModelsRequest request) {
        Violations violations = new Violations();
        int count = request.getCandidatesCount();
        violations.check(count > 0, "candidates", "at least one candidate is required");
        violations.check(count <= MAX_CANDIDATES, "candidates", "at most " + MAX_CANDIDATES + " candidates, got " + count);
        if (count <= MAX_CANDIDATES) {
            for (int i = 0; i < count; i++) {
                CandidateModel candidate = request.getCandidates(i);
                required(violations, candidate.getProvider(), "candidates[" + i + "].provider");
                required(violations, candidate.getModel(), "candidates[" + i + "].model");
            }
        }
        usage(violations, request.getUsage(), "usage");
        violations.throwIfAny();
    }

    private static void required(Violations violations, String value, String field) {
        violations.check(!value.isBlank(), field, "is required");
    }

    private static boolean hasNegative(TokenUsage usage) {
        return (usage.getInputTokens() | usage.getCachedInputTokens() | usage.getCacheWrite5MTokens()
                | usage.getCacheWrite1HTokens() | usage.getOutputTokens() | usage.getReasoningTokens()
                | usage.getInputAudioTokens() | usage.getOutputAudioTokens() | usage.getInputImageTokens()
                | usage.getOutputImageTokens() | usage.getEmbeddingTokens() | usage.getTrainingTokens()
                | usage.getTrainingEpochs() | usage.getRequests() | usage.getWebSearchQueries()) < 0;
    }

    private static void usage(Violations violations, TokenUsage usage, String path) {
        nonNegative(violations, usage.getInputTokens(), path, "input_tokens");
        nonNegative(violations, usage.getCachedInputTokens(), path, "cached_input_tokens");
        nonNegative(violations, usage.getCacheWrite5MTokens(), path, "cache_write_5m_tokens");
        nonNegative(violations, usage.getCacheWrite1HTokens(), path, "cache_write_1h_tokens");
        nonNegative(violations, usage.getOutputTokens(), path, "output_tokens");
        nonNegative(violations, usage.getReasoningTokens(), path, "reasoning_tokens");
        nonNegative(violations, usage.getInputAudioTokens(), path, "input_audio_tokens");
        nonNegative(violations, usage.getOutputAudioTokens(), path, "output_audio_tokens");
        nonNegative(violations, usage.getInputImageTokens(), path, "input_image_tokens");
        nonNegative(violations, usage.getOutputImageTokens(), path, "output_image_tokens");
        nonNegative(violations, usage.getEmbeddingTokens(), path, "embedding_tokens");
        nonNegative(violations, usage.getTrainingTokens(), path, "training_tokens");
        nonNegative(violations, usage.getTrainingEpochs(), path, "training_epochs");
        nonNegative(violations, usage.getRequests(), path, "requests");
        nonNegative(violations, usage.getWebSearchQueries(), path, "web_search_queries");
    }

    private static void nonNegative(Violations violations, long value, String path, String field) {
        if (value < 0) {
            violations.add(path + "." + field, "must be >= 0");
        }
    }
}

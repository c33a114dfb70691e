package io.tokenledger.budget.application;

import io.tokenledger.api.common.v1.TokenUsage;

/**
 * The total tokens of a usage, as token budgets count them: the sum of every {@code *_tokens} class (input, cached
 * input, cache writes, output, reasoning, audio, image, embedding, training). Epochs, requests and web searches are
 * not tokens.
 */
public final class TokenTotals {

    private TokenTotals() {
    }

    public static long of(TokenUsage usage) {
        return Math.addExact(Math.addExact(Math.addExact(usage.getInputTokens(), usage.getCachedInputTokens()),
                        Math.addExact(usage.getCacheWrite5MTokens(), usage.getCacheWrite1HTokens())),
                Math.addExact(Math.addExact(Math.addExact(usage.getOutputTokens(), usage.getReasoningTokens()),
                                Math.addExact(usage.getInputAudioTokens(), usage.getOutputAudioTokens())),
                        Math.addExact(Math.addExact(usage.getInputImageTokens(), usage.getOutputImageTokens()),
                                Math.addExact(usage.getEmbeddingTokens(), usage.getTrainingTokens()))));
    }
}

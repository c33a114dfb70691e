package io.tokenledger.pricing.domain;

/**
 * The canonical usage of one call (or a total of calls), one count per disjoint class.
 * Counts are never negative; the edge rejects negative input before it gets here.
 */
public record TokenUsage(
        long inputTokens,
        long cachedInputTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        long outputTokens,
        long reasoningTokens,
        long inputAudioTokens,
        long outputAudioTokens,
        long inputImageTokens,
        long outputImageTokens,
        long embeddingTokens,
        long trainingTokens,
        long trainingEpochs,
        long requests,
        long webSearchQueries) {

    public TokenUsage {
        if (inputTokens < 0 || cachedInputTokens < 0 || cacheWrite5mTokens < 0 || cacheWrite1hTokens < 0
                || outputTokens < 0 || reasoningTokens < 0 || inputAudioTokens < 0 || outputAudioTokens < 0
                || inputImageTokens < 0 || outputImageTokens < 0 || embeddingTokens < 0 || trainingTokens < 0
                || trainingEpochs < 0 || requests < 0 || webSearchQueries < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    /**
     * The quantity billed in a class: training is tokens x epochs (0 epochs means 1), and a usage is
     * at least one request, so a per-request fee always applies once.
     */
    public long billed(TokenClass tokenClass) {
        switch (tokenClass) {
            case INPUT: return inputTokens;
            case CACHED_INPUT: return cachedInputTokens;
            case CACHE_WRITE_5M: return cacheWrite5mTokens;
            case CACHE_WRITE_1H: return cacheWrite1hTokens;
            case OUTPUT: return outputTokens;
            case REASONING: return reasoningTokens;
            case INPUT_AUDIO: return inputAudioTokens;
            case OUTPUT_AUDIO: return outputAudioTokens;
            case INPUT_IMAGE: return inputImageTokens;
            case OUTPUT_IMAGE: return outputImageTokens;
            case EMBEDDING: return embeddingTokens;
            case TRAINING: return Math.multiplyExact(trainingTokens, Math.max(1L, trainingEpochs));
            case REQUEST: return Math.max(1L, requests);
            case WEB_SEARCH: return webSearchQueries;
            default: throw new IllegalStateException("unknown class " + tokenClass);
        }
    }
}

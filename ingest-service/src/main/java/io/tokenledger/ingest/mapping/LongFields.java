package io.tokenledger.ingest.mapping;

import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Plain accessor tables of the int64 fields of TokenUsage and CostBreakdown, in API order, keyed by the API field
 * name. They replace per-event protobuf reflection on the hot path; {@code LongFieldsTest} checks that they list
 * exactly the fields of the proto descriptors, so a class added to the API cannot be dropped silently.
 */
final class LongFields {

    /** One int64 field: its API name, getter and setter. */
    record Field<M, B>(String name, ToLongFunction<M> get, Setter<B> set) {
    }

    /** Sets a long on a builder (the generated setters return the builder, so a method reference fits). */
    interface Setter<B> {
        Object set(B builder, long value);

        default void accept(B builder, Long value) {
            set(builder, value);
        }
    }

    static final List<Field<TokenUsage, TokenUsage.Builder>> TOKEN_USAGE = List.of(
            new Field<>("input_tokens", TokenUsage::getInputTokens, TokenUsage.Builder::setInputTokens),
            new Field<>("cached_input_tokens", TokenUsage::getCachedInputTokens, TokenUsage.Builder::setCachedInputTokens),
            new Field<>("cache_write_5m_tokens", TokenUsage::getCacheWrite5MTokens, TokenUsage.Builder::setCacheWrite5MTokens),
            new Field<>("cache_write_1h_tokens", TokenUsage::getCacheWrite1HTokens, TokenUsage.Builder::setCacheWrite1HTokens),
            new Field<>("output_tokens", TokenUsage::getOutputTokens, TokenUsage.Builder::setOutputTokens),
            new Field<>("reasoning_tokens", TokenUsage::getReasoningTokens, TokenUsage.Builder::setReasoningTokens),
            new Field<>("input_audio_tokens", TokenUsage::getInputAudioTokens, TokenUsage.Builder::setInputAudioTokens),
            new Field<>("output_audio_tokens", TokenUsage::getOutputAudioTokens, TokenUsage.Builder::setOutputAudioTokens),
            new Field<>("input_image_tokens", TokenUsage::getInputImageTokens, TokenUsage.Builder::setInputImageTokens),
            new Field<>("output_image_tokens", TokenUsage::getOutputImageTokens, TokenUsage.Builder::setOutputImageTokens),
            new Field<>("embedding_tokens", TokenUsage::getEmbeddingTokens, TokenUsage.Builder::setEmbeddingTokens),
            new Field<>("training_tokens", TokenUsage::getTrainingTokens, TokenUsage.Builder::setTrainingTokens),
            new Field<>("training_epochs", TokenUsage::getTrainingEpochs, TokenUsage.Builder::setTrainingEpochs),
            new Field<>("requests", TokenUsage::getRequests, TokenUsage.Builder::setRequests),
            new Field<>("web_search_queries", TokenUsage::getWebSearchQueries, TokenUsage.Builder::setWebSearchQueries));

    static final List<Field<CostBreakdown, CostBreakdown.Builder>> COST_BREAKDOWN = List.of(
            new Field<>("input_nanos", CostBreakdown::getInputNanos, CostBreakdown.Builder::setInputNanos),
            new Field<>("cached_input_nanos", CostBreakdown::getCachedInputNanos, CostBreakdown.Builder::setCachedInputNanos),
            new Field<>("cache_write_5m_nanos", CostBreakdown::getCacheWrite5MNanos, CostBreakdown.Builder::setCacheWrite5MNanos),
            new Field<>("cache_write_1h_nanos", CostBreakdown::getCacheWrite1HNanos, CostBreakdown.Builder::setCacheWrite1HNanos),
            new Field<>("output_nanos", CostBreakdown::getOutputNanos, CostBreakdown.Builder::setOutputNanos),
            new Field<>("reasoning_nanos", CostBreakdown::getReasoningNanos, CostBreakdown.Builder::setReasoningNanos),
            new Field<>("input_audio_nanos", CostBreakdown::getInputAudioNanos, CostBreakdown.Builder::setInputAudioNanos),
            new Field<>("output_audio_nanos", CostBreakdown::getOutputAudioNanos, CostBreakdown.Builder::setOutputAudioNanos),
            new Field<>("input_image_nanos", CostBreakdown::getInputImageNanos, CostBreakdown.Builder::setInputImageNanos),
            new Field<>("output_image_nanos", CostBreakdown::getOutputImageNanos, CostBreakdown.Builder::setOutputImageNanos),
            new Field<>("embedding_nanos", CostBreakdown::getEmbeddingNanos, CostBreakdown.Builder::setEmbeddingNanos),
            new Field<>("training_nanos", CostBreakdown::getTrainingNanos, CostBreakdown.Builder::setTrainingNanos),
            new Field<>("request_nanos", CostBreakdown::getRequestNanos, CostBreakdown.Builder::setRequestNanos),
            new Field<>("web_search_nanos", CostBreakdown::getWebSearchNanos, CostBreakdown.Builder::setWebSearchNanos));

    private LongFields() {
    }

    /**
     * The non-zero fields, in API order. Zeros are left out (an absent class counts 0 everywhere): most events
     * use 2-4 of the 15 classes, and thousands of events are held per batch in flight.
     */
    static <M> Map<String, Long> toMap(M message, List<? extends Field<M, ?>> fields) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Field<M, ?> field : fields) {
            long value = field.get().applyAsLong(message);
            if (value != 0) {
                values.put(field.name(), value);
            }
        }
        return values;
    }
}

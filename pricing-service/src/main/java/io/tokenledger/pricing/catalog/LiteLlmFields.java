package io.tokenledger.pricing.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM price fields -> our classes. A field is a base name, optionally {@code _above_<N>k_tokens}
 * (long context, N x 1,000 prompt tokens) and optionally {@code _batches}, {@code _priority} or {@code _flex}
 * (service tier). Values are USD per token / request / query; ours are per 1M, hence x 1e6 (exact).
 * Fields we do not bill (per second, per image, per pixel, per character, tiered_pricing, ...) are ignored.
 */
final class LiteLlmFields {

    /** Longest names first, so that e.g. {@code ..._above_1hr} is not read as the 5-minute write. */
    private static final Map<String, TokenClass> BASES = new LinkedHashMap<>();

    static {
        BASES.put("cache_creation_input_token_cost_above_1hr", TokenClass.CACHE_WRITE_1H);
        BASES.put("cache_creation_input_token_cost", TokenClass.CACHE_WRITE_5M);
        BASES.put("cache_read_input_token_cost", TokenClass.CACHED_INPUT);
        BASES.put("input_cost_per_token_cache_hit", TokenClass.CACHED_INPUT);
        BASES.put("output_cost_per_reasoning_token", TokenClass.REASONING);
        BASES.put("input_cost_per_audio_token", TokenClass.INPUT_AUDIO);
        BASES.put("output_cost_per_audio_token", TokenClass.OUTPUT_AUDIO);
        BASES.put("input_cost_per_image_token", TokenClass.INPUT_IMAGE);
        BASES.put("output_cost_per_image_token", TokenClass.OUTPUT_IMAGE);
        BASES.put("input_cost_per_request", TokenClass.REQUEST);
        BASES.put("input_cost_per_query", TokenClass.REQUEST);
        BASES.put("search_context_cost_per_query", TokenClass.WEB_SEARCH);
        BASES.put("input_cost_per_token", TokenClass.INPUT);
        BASES.put("output_cost_per_token", TokenClass.OUTPUT);
    }

    private static final Pattern SUFFIX = Pattern.compile("^(?:_above_(\\d+)k_tokens)?(_batches|_priority|_flex)?$");

    private LiteLlmFields() {
    }

    /** Adds a field's price to its card, if it is a price we bill. */
    static void collect(String field, JsonNode value, boolean embedding,
                        Map<LiteLlmFormat.CardKey, Map<TokenClass, BigDecimal>> cards) {
        for (Map.Entry<String, TokenClass> base : BASES.entrySet()) {
            if (!field.startsWith(base.getKey())) {
                continue;
            }
            Matcher suffix = SUFFIX.matcher(field.substring(base.getKey().length()));
            if (!suffix.matches()) {
                continue; // e.g. input_cost_per_token_cache_hit is not input_cost_per_token + a suffix
            }
            BigDecimal perUnit = perUnit(base.getValue(), value);
            if (perUnit == null) {
                return;
            }
            long above = suffix.group(1) == null ? 0 : Long.parseLong(suffix.group(1)) * 1000;
            LiteLlmFormat.CardKey card = new LiteLlmFormat.CardKey(tier(suffix.group(2)), above);
            Map<TokenClass, BigDecimal> rates = cards.computeIfAbsent(card, k -> new EnumMap<>(TokenClass.class));
            BigDecimal perMillion = perUnit.movePointRight(6).stripTrailingZeros();
            if (perMillion.scale() < 0) {
                perMillion = perMillion.setScale(0);
            }
            // The cache_hit field is DeepSeek's name for a cache read; the standard name wins when both exist.
            if (!field.startsWith("input_cost_per_token_cache_hit") || !rates.containsKey(TokenClass.CACHED_INPUT)) {
                rates.put(base.getValue(), perMillion);
            }
            if (embedding && base.getValue() == TokenClass.INPUT) {
                rates.put(TokenClass.EMBEDDING, perMillion);
            }
            return;
        }
    }

    /**
     * The number, or for web search (priced per search-context size) the one value when all sizes cost the
     * same, else the "medium" size (the providers' default).
     */
    private static BigDecimal perUnit(TokenClass tokenClass, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (tokenClass == TokenClass.WEB_SEARCH && value.isObject()) {
            JsonNode medium = value.get("search_context_size_medium");
            return medium != null && medium.isNumber() ? medium.decimalValue() : null;
        }
        return null;
    }

    private static ServiceTier tier(String suffix) {
        if (suffix == null) {
            return ServiceTier.STANDARD;
        }
        switch (suffix) {
            case "_batches": return ServiceTier.BATCH;
            case "_priority": return ServiceTier.PRIORITY;
            default: return ServiceTier.FLEX;
        }
    }
}

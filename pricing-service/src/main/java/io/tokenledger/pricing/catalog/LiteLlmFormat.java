package io.tokenledger.pricing.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.ProviderIds;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}: one entry per model key, prices in USD per
 * token (or per request/query), turned into exact USD per 1M units (JSON numbers are read as BigDecimal,
 * never double). Field names map to our classes via {@link LiteLlmFields}; see the README for the list.
 *
 * <p>Keys become our provider/model ids: the provider is {@code litellm_provider} normalized
 * ({@link ProviderIds}), the model the key without a leading provider segment ({@code mistral/mistral-large-latest}
 * -> {@code mistral / mistral-large-latest}). When two keys land on the same id, the first in file order keeps it
 * and the other is dropped when its prices are the same, else keeps its full key as model id.
 */
public final class LiteLlmFormat {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> NOT_MODELS = Set.of("sample_spec", "last_updated");

    private LiteLlmFormat() {
    }

    /**
     * The parsed catalog: one version per priced entry, and how many entries were read and skipped (no price we
     * bill per token/request/query, or a duplicate of an entry with the same id and prices).
     */
    public record Parsed(List<Prices> versions, int entriesRead, int entriesSkipped) {
    }

    public static Parsed parse(InputStream json, Instant effectiveFrom, String sourceLabel) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a LiteLLM catalog: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a LiteLLM catalog: the top level must be a JSON object");
        }
        List<Prices> versions = new ArrayList<>();
        Map<ModelKey, Prices> taken = new HashMap<>();
        int read = 0;
        int skipped = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (NOT_MODELS.contains(entry.getKey()) || !entry.getValue().isObject()) {
                continue;
            }
            read++;
            Prices prices = entry(entry.getKey(), entry.getValue(), effectiveFrom, sourceLabel, taken);
            if (prices == null) {
                skipped++;
            } else {
                versions.add(prices);
            }
        }
        return new Parsed(versions, read, skipped);
    }

    private static Prices entry(String key, JsonNode node, Instant effectiveFrom, String sourceLabel,
                                Map<ModelKey, Prices> taken) {
        String litellmProvider = node.path("litellm_provider").asText("");
        if (litellmProvider.isBlank()) {
            return null;
        }
        String mode = node.path("mode").asText("");
        Map<CardKey, Map<TokenClass, BigDecimal>> cards = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            LiteLlmFields.collect(field.getKey(), field.getValue(), "embedding".equals(mode), cards);
        }
        Map<TokenClass, BigDecimal> base = cards.remove(CardKey.BASE);
        if (base == null || base.isEmpty()) {
            return null; // priced per second, image or pixel only: nothing we bill per token
        }
        List<RateCard> rateCards = new ArrayList<>();
        cards.forEach((card, rates) -> rateCards.add(new RateCard(card.tier(), card.above(), rates)));
        ModelKey id = modelId(key, litellmProvider);
        Prices first = taken.get(id);
        if (first != null) {
            if (first.perMillion().equals(base) && first.rateCards().equals(rateCards)) {
                return null; // the same model listed twice (e.g. "gpt-4o" and "openai/gpt-4o"): one version
            }
            id = ModelKey.of(id.provider(), key); // a different price under a colliding name keeps its full key
            if (taken.containsKey(id)) {
                return null;
            }
        }
        Prices prices = new Prices(id.provider(), id.model(), mode, effectiveFrom, new EnumMap<>(base),
                sourceLabel + " key " + key, rateCards);
        taken.put(id, prices);
        return prices;
    }

    static ModelKey modelId(String key, String litellmProvider) {
        String provider = ProviderIds.normalize(litellmProvider);
        String model = key.trim();
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String prefix = model.substring(0, slash);
            if (prefix.equalsIgnoreCase(litellmProvider) || ProviderIds.normalize(prefix).equals(provider)) {
                model = model.substring(slash + 1);
            }
        }
        return ModelKey.of(provider, model);
    }

    /** Which rate card a field belongs to: the base (standard, 0), a tier, a long-context threshold, or both. */
    record CardKey(ServiceTier tier, long above) {
        static final CardKey BASE = new CardKey(ServiceTier.STANDARD, 0);
    }
}

package io.tokenledger.attribution.domain;

import java.util.List;
import java.util.Map;

/**
 * The default CHEAPER_MODEL candidates when a request names none: per provider, its smaller current models. Every
 * candidate other than the traffic's own model is priced; the one saving the most wins.
 */
public final class TierDown {

    private static final Map<String, List<String>> CANDIDATES = Map.of(
            "openai", List.of("gpt-5-mini", "gpt-5-nano", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o-mini"),
            "anthropic", List.of("claude-sonnet-4-5", "claude-haiku-4-5"),
            "gemini", List.of("gemini-2.5-flash", "gemini-2.5-flash-lite"),
            "google", List.of("gemini-2.5-flash", "gemini-2.5-flash-lite"),
            "vertex_ai", List.of("gemini-2.5-flash", "gemini-2.5-flash-lite"),
            "mistral", List.of("mistral-small-latest", "devstral-small-2507", "ministral-8b-latest"));

    private TierDown() {
    }

    /** The candidates for traffic on {@code current}: the provider's list without the current model. */
    public static List<ModelRef> candidates(ModelRef current) {
        return CANDIDATES.getOrDefault(current.provider(), List.of()).stream()
                .filter(model -> !model.equals(current.model()))
                .map(model -> new ModelRef(current.provider(), model))
                .toList();
    }
}

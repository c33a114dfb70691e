package io.tokenledger.pricing.domain;

import java.util.Locale;
import java.util.Map;

/**
 * Our provider ids for the names catalogs and SDKs use: LiteLLM's {@code vertex_ai-anthropic_models} and
 * {@code gemini} are both Google, {@code bedrock_converse} is Bedrock, and so on. Unlisted names are kept
 * (lowercased), so a new provider needs no code change.
 */
public final class ProviderIds {

    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("text-completion-openai", "openai"),
            Map.entry("openai", "openai"),
            Map.entry("anthropic", "anthropic"),
            Map.entry("gemini", "google"),
            Map.entry("google", "google"),
            Map.entry("vertex_ai", "google"),
            Map.entry("vertex", "google"),
            Map.entry("palm", "google"),
            Map.entry("bedrock", "bedrock"),
            Map.entry("bedrock_converse", "bedrock"),
            Map.entry("bedrock_mantle", "bedrock"),
            Map.entry("amazon", "bedrock"),
            Map.entry("aws", "bedrock"),
            Map.entry("azure", "azure"),
            Map.entry("azure_text", "azure"),
            Map.entry("azure_ai", "azure"),
            Map.entry("mistral", "mistral"),
            Map.entry("mistralai", "mistral"),
            Map.entry("codestral", "mistral"),
            Map.entry("text-completion-codestral", "mistral"),
            Map.entry("deepseek", "deepseek"),
            Map.entry("xai", "xai"),
            Map.entry("x-ai", "xai"),
            Map.entry("groq", "groq"),
            Map.entry("openrouter", "openrouter"),
            Map.entry("cohere_chat", "cohere"),
            Map.entry("fireworks_ai-embedding-models", "fireworks_ai"),
            Map.entry("text-completion-inception", "inception"),
            Map.entry("meta-llama", "meta"),
            Map.entry("meta_llama", "meta"));

    private ProviderIds() {
    }

    /** Our id of a provider name, e.g. {@code vertex_ai-language-models} -> {@code google}. */
    public static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        String known = IDS.get(lower);
        if (known != null) {
            return known;
        }
        return lower.startsWith("vertex_ai-") ? "google" : lower;
    }

    /** Whether a name is a provider we know by another id (used to spot "openai/" style prefixes). */
    static boolean isKnown(String name) {
        return IDS.containsKey(name) || name.startsWith("vertex_ai-");
    }
}

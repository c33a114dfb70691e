package io.tokenledger.ingest.otlp;

import java.util.Locale;
import java.util.Map;

/**
 * TokenLedger's provider ids for the values of {@code gen_ai.provider.name} (and the deprecated
 * {@code gen_ai.system}) that differ from ours: the conventions name cloud platforms ({@code aws.bedrock},
 * {@code gcp.vertex_ai}, {@code azure.ai.openai}). Other values pass through lowercased; pricing resolves the
 * rest of the aliases.
 */
final class OtelProviders {

    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("aws.bedrock", "bedrock"),
            Map.entry("gcp.gemini", "google"),
            Map.entry("gcp.vertex_ai", "google"),
            Map.entry("gcp.gen_ai", "google"),
            Map.entry("vertex_ai", "google"),
            Map.entry("gemini", "google"),
            Map.entry("azure.ai.openai", "azure"),
            Map.entry("azure.ai.inference", "azure"),
            Map.entry("az.ai.openai", "azure"),
            Map.entry("az.ai.inference", "azure"),
            Map.entry("mistral_ai", "mistral"),
            Map.entry("x_ai", "xai"));

    private OtelProviders() {
    }

    static String tokenLedgerId(String otelName) {
        String lower = otelName.trim().toLowerCase(Locale.ROOT);
        return IDS.getOrDefault(lower, lower);
    }
}

package io.tokenledger.ingest.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The service tier a call ran on, which selects pricing's batch, priority or flex rates. {@code UNSPECIFIED}
 * means the event set none (pricing then uses standard).
 */
public enum ServiceTier {
    UNSPECIFIED, STANDARD, BATCH, PRIORITY, FLEX;

    /**
     * The tier a provider reports by name: OpenAI's {@code service_tier} ("default" is standard, "flex",
     * "priority"), Anthropic's {@code usage.service_tier} ("standard", "priority", "batch"), Groq's "on_demand".
     * Names we do not know (e.g. OpenAI's "scale") give empty: the event is then priced as standard.
     */
    public static Optional<ServiceTier> fromProviderName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "standard", "default", "on_demand":
                return Optional.of(STANDARD);
            case "batch":
                return Optional.of(BATCH);
            case "priority":
                return Optional.of(PRIORITY);
            case "flex":
                return Optional.of(FLEX);
            default:
                return Optional.empty();
        }
    }
}

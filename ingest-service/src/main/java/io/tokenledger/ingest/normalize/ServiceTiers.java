package io.tokenledger.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenledger.ingest.domain.ServiceTier;
import java.util.Optional;

/**
 * The service tier a provider reports beside its usage: Anthropic's {@code usage.service_tier}, OpenAI's
 * {@code service_tier} in the response body (also inside a stream event's {@code response} or a Batch API line's
 * {@code response.body}). An OpenAI Batch API output line ({@code custom_id} and {@code response.body}) is BATCH
 * whatever its body says: the Batch API bills at batch rates. Names outside {@link ServiceTier#fromProviderName}
 * are ignored (standard).
 */
final class ServiceTiers {

    private ServiceTiers() {
    }

    static Optional<ServiceTier> reported(JsonNode usage, JsonNode document) {
        if (document.has("custom_id") && document.path("response").path("body").isObject()) {
            return Optional.of(ServiceTier.BATCH);
        }
        for (JsonNode tier : new JsonNode[] {usage.path("service_tier"), document.path("service_tier"),
                document.path("response").path("service_tier"), document.path("response").path("body").path("service_tier"),
                document.path("message").path("service_tier")}) {
            if (tier.isTextual()) {
                return ServiceTier.fromProviderName(tier.asText());
            }
        }
        return Optional.empty();
    }
}

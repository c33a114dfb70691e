package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Ids;
import io.tokenledger.budget.domain.WebhookEndpoint;
import io.tokenledger.budget.domain.WebhookSecret;
import io.tokenledger.budget.domain.WebhookSignature;
import io.tokenledger.budget.persistence.WebhookEndpointRepository;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/** Registering and listing the URLs that receive a tenant's signed budget events. */
@ApplicationScoped
public class WebhookRegistry {

    /** A new endpoint and its secret: the only time the secret leaves the service. */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    private final WebhookEndpointRepository endpoints;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WebhookRegistry(WebhookEndpointRepository endpoints, Clock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** Registers the endpoint; generates a {@code whsec_} secret of 32 random bytes when none is given. */
    public Registered register(String tenant, String url, String description, String secret) {
        Violations violations = new Violations();
        violations.check(!tenant.isBlank(), "endpoint.tenant_id", "is required");
        violations.check(isHttpUrl(url), "endpoint.url", "must be an absolute http or https URL");
        if (!secret.isEmpty()) {
            WebhookSecret.problem(secret).ifPresent(problem -> violations.add("secret", problem));
        }
        violations.throwIfAny();
        String signingSecret = secret.isEmpty() ? generateSecret() : secret;
        WebhookEndpoint endpoint = new WebhookEndpoint(Ids.newId("whe"), tenant, url, description, clock.instant());
        endpoints.insert(endpoint, signingSecret);
        return new Registered(endpoint, signingSecret);
    }

    public List<WebhookEndpoint> list(String tenant) {
        BudgetCatalog.requireTenant(tenant);
        return endpoints.list(tenant);
    }

    private String generateSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

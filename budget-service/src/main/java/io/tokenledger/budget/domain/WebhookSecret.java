package io.tokenledger.budget.domain;

import java.util.Base64;
import java.util.Optional;

/** Checks client-given webhook secrets: {@code whsec_} + base64 of 24..64 bytes. */
public final class WebhookSecret {

    private WebhookSecret() {
    }

    /** Why the secret is unusable, or empty when it is fine. */
    public static Optional<String> problem(String secret) {
        if (!secret.startsWith(WebhookSignature.SECRET_PREFIX)) {
            return Optional.of("must start with " + WebhookSignature.SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(WebhookSignature.SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of("must be whsec_ followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            return Optional.of("key must be 24..64 bytes, got " + key.length);
        }
        return Optional.empty();
    }
}

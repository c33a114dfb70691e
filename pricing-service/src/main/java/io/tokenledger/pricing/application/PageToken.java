package io.tokenledger.pricing.application;

import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.pricing.domain.ModelKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque ListModels page token: the last model of the previous page, so that a page continues after it
 * even when the book changes between calls. Callers must not parse it; its format may change.
 */
final class PageToken {

    private static final String VERSION = "m1|";

    private PageToken() {
    }

    static String after(ModelKey last) {
        String raw = VERSION + last.provider() + "|" + last.model();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ModelKey parse(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (raw.startsWith(VERSION)) {
                String[] parts = raw.substring(VERSION.length()).split("\\|", 2);
                if (parts.length == 2) {
                    return new ModelKey(parts[0], parts[1]);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw new TokenLedgerException.Invalid("page_token", "is not a page token returned by ListModels");
    }
}

package io.tokenledger.budget.domain;

import io.tokenledger.platform.error.TokenLedgerException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens: the creation sequence number of the last item of the previous page. */
public final class PageToken {

    private static final String PREFIX = "after:";

    private PageToken() {
    }

    public static String encode(long afterSeq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + afterSeq).getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence number to continue after; 0 for an empty token. */
    public static long decode(String token, String field) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new TokenLedgerException.Invalid(field, "not a page token of this listing");
    }

    /** The page size to use: default 100, at most 1,000. */
    public static int pageSize(int requested, String field) {
        if (requested < 0) {
            throw new TokenLedgerException.Invalid(field, "must be >= 0");
        }
        return requested == 0 ? 100 : Math.min(requested, 1000);
    }
}

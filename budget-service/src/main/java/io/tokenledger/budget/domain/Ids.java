package io.tokenledger.budget.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Server-assigned ids: a type prefix and 16 random bytes in hex, e.g. {@code bud_3f2a...}. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}

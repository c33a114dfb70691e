package io.tokenledger.ingest.domain;

import io.tokenledger.platform.money.Nanos;
import java.math.BigDecimal;

/**
 * A cost reported by the provider or gateway, e.g. OpenRouter's {@code usage.cost}: a plain decimal of USD
 * (digits, an optional fraction; no sign, exponent or currency symbol) from 0 to {@link #MAX_USD}. It is kept
 * for reconciliation only. Providers may report more than nine decimals, so it is rounded once, half-even, to
 * nano-USD by {@link Nanos#fromUsd} (the product's one rounding rule) rather than rejected.
 */
public final class ReportedCost {

    /** One call reported at more than a million USD is a unit mistake, not a cost. */
    public static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000);
    private static final int MAX_LENGTH = 64;

    private ReportedCost() {
    }

    public static boolean isValid(String usd) {
        if (usd.isEmpty() || usd.length() > MAX_LENGTH) {
            return false;
        }
        int dot = usd.indexOf('.');
        for (int i = 0; i < usd.length(); i++) {
            char c = usd.charAt(i);
            if (!(c >= '0' && c <= '9' || i == dot && i > 0 && i < usd.length() - 1)) {
                return false;
            }
        }
        return new BigDecimal(usd).compareTo(MAX_USD) <= 0;
    }

    /** The nano-USD of a valid reported cost, rounded half-even. */
    public static long nanos(String usd) {
        return Nanos.fromUsd(new BigDecimal(usd));
    }
}

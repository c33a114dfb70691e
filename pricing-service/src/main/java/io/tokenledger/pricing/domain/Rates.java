package io.tokenledger.pricing.domain;

import java.math.BigDecimal;

/**
 * The effective per-class rates of one rate card of a version, compiled once per snapshot for the hot path:
 * the card's own prices, reasoning falling back to the card's output price, and the non-token fees
 * (request, web search) falling back to the version's base prices. Also kept as exact integers in
 * pico-USD (1e-12) per 1M units when every price fits, so that pricing needs no BigDecimal at all.
 */
final class Rates {

    private static final int CLASSES = TokenClass.ALL.length;

    final Prices prices;
    /** Computed once: building it per event (Instant.toString) cost more than the arithmetic. */
    final String priceId;
    /** "" for the base rates, else the card's label ("batch", "long-context (>200000)", ...). */
    final String label;
    final BigDecimal[] perMillion = new BigDecimal[CLASSES];
    /** Pico-USD per 1M units; -1 for no price. Only valid when {@link #integral}. */
    final long[] pico = new long[CLASSES];
    final boolean integral;

    Rates(Prices prices, RateCard card) {
        this.prices = prices;
        this.priceId = prices.priceId();
        this.label = card == null ? "" : card.label();
        boolean fits = true;
        for (TokenClass tokenClass : TokenClass.ALL) {
            BigDecimal price = card == null ? prices.perMillion().get(tokenClass) : card.perMillion().get(tokenClass);
            if (price == null && tokenClass == TokenClass.REASONING) {
                price = card == null ? prices.perMillion().get(TokenClass.OUTPUT) : card.perMillion().get(TokenClass.OUTPUT);
            }
            if (price == null && card != null && (tokenClass == TokenClass.REQUEST || tokenClass == TokenClass.WEB_SEARCH)) {
                price = prices.perMillion().get(tokenClass);
            }
            int i = tokenClass.ordinal();
            perMillion[i] = price;
            pico[i] = -1;
            if (price != null) {
                BigDecimal scaled = price.movePointRight(12);
                if (scaled.stripTrailingZeros().scale() <= 0 && scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                    pico[i] = scaled.longValue();
                } else {
                    fits = false;
                }
            }
        }
        this.integral = fits;
    }

    /** Why usage in a class without a price cannot be priced. */
    String missing(TokenClass tokenClass) {
        return "no " + (label.isEmpty() ? "" : label + " ") + tokenClass.label() + " price for "
                + prices.provider() + "/" + prices.model();
    }
}

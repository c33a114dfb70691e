package io.tokenledger.pricing.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Rates of one service tier of a price version, applying when a request's prompt exceeds
 * {@code abovePromptTokens} (0 = the tier's base rates). Lists only the classes it prices.
 */
public record RateCard(ServiceTier tier, long abovePromptTokens, Map<TokenClass, BigDecimal> perMillion) {

    public RateCard {
        if (tier == null || abovePromptTokens < 0) {
            throw new IllegalArgumentException("a rate card needs a tier and a threshold >= 0");
        }
        if (tier == ServiceTier.STANDARD && abovePromptTokens == 0) {
            throw new IllegalArgumentException("the standard base rates are the version's own prices");
        }
        EnumMap<TokenClass, BigDecimal> copy = new EnumMap<>(TokenClass.class);
        perMillion.forEach((tokenClass, price) -> {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("negative " + tokenClass.label() + " price");
            }
            copy.put(tokenClass, price);
        });
        perMillion = Collections.unmodifiableMap(copy);
    }

    /** How a reason names the card, e.g. {@code batch} or {@code long-context (>200000) priority}. */
    public String label() {
        return describe(tier, abovePromptTokens);
    }

    static String describe(ServiceTier tier, long above) {
        return above == 0 ? tier.label()
                : "long-context (>" + above + ")" + (tier == ServiceTier.STANDARD ? "" : " " + tier.label());
    }
}

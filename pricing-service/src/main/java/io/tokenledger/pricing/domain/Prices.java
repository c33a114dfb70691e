package io.tokenledger.pricing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One price version of a model: USD per 1M units of each class (the standard tier's base rates), in force
 * from {@code effectiveFrom} until the model's next version, plus the version's other rate cards (batch,
 * priority, flex tiers; long-context rates). A class missing from {@code perMillion} has no price.
 */
public record Prices(
        String provider,
        String model,
        String mode,
        Instant effectiveFrom,
        Map<TokenClass, BigDecimal> perMillion,
        String source,
        List<RateCard> rateCards) {

    public Prices {
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("provider and model are required");
        }
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("effectiveFrom is required for " + provider + "/" + model);
        }
        EnumMap<TokenClass, BigDecimal> copy = new EnumMap<>(TokenClass.class);
        perMillion.forEach((tokenClass, price) -> {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("negative " + tokenClass.label() + " price for " + provider + "/" + model);
            }
            copy.put(tokenClass, price);
        });
        // An EnumMap keeps lookups on the pricing hot path an array index.
        perMillion = Collections.unmodifiableMap(copy);
        mode = mode == null ? "" : mode;
        source = source == null ? "" : source;
        rateCards = rateCards == null ? List.of() : List.copyOf(rateCards);
    }

    /** A version with standard base rates only. */
    public Prices(String provider, String model, String mode, Instant effectiveFrom,
                  Map<TokenClass, BigDecimal> perMillion, String source) {
        this(provider, model, mode, effectiveFrom, perMillion, source, List.of());
    }

    public ModelKey key() {
        return ModelKey.of(provider, model);
    }

    /** USD per 1M units of a class, when the model has a price for it. */
    public Optional<BigDecimal> price(TokenClass tokenClass) {
        return Optional.ofNullable(perMillion.get(tokenClass));
    }

    /** The card of a tier and threshold, if this version has one. */
    public Optional<RateCard> card(ServiceTier tier, long abovePromptTokens) {
        for (RateCard card : rateCards) {
            if (card.tier() == tier && card.abovePromptTokens() == abovePromptTokens) {
                return Optional.of(card);
            }
        }
        return Optional.empty();
    }

    /** The readable id ledger rows keep, e.g. {@code openai/gpt-5-mini@2025-01-01T00:00:00Z}. */
    public String priceId() {
        return provider + "/" + model + "@" + effectiveFrom;
    }
}

package io.tokenledger.pricing.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A tenant's own price for a model from {@code effectiveFrom} on: either custom per-class prices
 * ({@code prices}, standard base rates, applied on every service tier) or a discount in percent off
 * whatever public rate applies ({@code discountPercent}). Exactly one of the two is set.
 */
public record TenantPrice(String tenantId, Prices prices, BigDecimal discountPercent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public TenantPrice {
        if (tenantId == null || tenantId.isBlank() || prices == null) {
            throw new IllegalArgumentException("tenant and model are required");
        }
        if (discountPercent != null && (discountPercent.signum() < 0 || discountPercent.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException("discount must be within 0..100 percent");
        }
        if (discountPercent != null && !prices.perMillion().isEmpty()) {
            throw new IllegalArgumentException("a tenant price is either custom prices or a discount, not both");
        }
    }

    public ModelKey key() {
        return prices.key();
    }

    public Instant effectiveFrom() {
        return prices.effectiveFrom();
    }

    /** e.g. {@code tenant:acme:openai/gpt-4o@2026-03-01T00:00:00Z}. */
    public String priceId() {
        return "tenant:" + tenantId + ":" + prices.priceId();
    }

    /** The public version with every rate (base and cards) reduced by the discount, exactly. */
    Prices discounted(Prices list) {
        BigDecimal factor = HUNDRED.subtract(discountPercent).movePointLeft(2);
        java.util.Map<TokenClass, BigDecimal> base = new java.util.EnumMap<>(TokenClass.class);
        list.perMillion().forEach((c, p) -> base.put(c, p.multiply(factor)));
        java.util.List<RateCard> cards = new java.util.ArrayList<>();
        for (RateCard card : list.rateCards()) {
            java.util.Map<TokenClass, BigDecimal> rates = new java.util.EnumMap<>(TokenClass.class);
            card.perMillion().forEach((c, p) -> rates.put(c, p.multiply(factor)));
            cards.add(new RateCard(card.tier(), card.abovePromptTokens(), rates));
        }
        return new Prices(list.provider(), list.model(), list.mode(), list.effectiveFrom(), base, list.source(), cards);
    }
}

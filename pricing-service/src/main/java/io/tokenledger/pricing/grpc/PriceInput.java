package io.tokenledger.pricing.grpc;

import io.tokenledger.api.pricing.v1.ModelPrice;
import io.tokenledger.api.pricing.v1.SetTenantDeploymentRequest;
import io.tokenledger.api.pricing.v1.SetTenantPriceRequest;
import io.tokenledger.platform.error.Violations;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.TenantDeployment;
import io.tokenledger.pricing.domain.TenantPrice;
import io.tokenledger.pricing.domain.TokenClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads user-written prices (UpsertPrice, SetTenantPrice), reporting every bad field with its path. */
final class PriceInput {

    private PriceInput() {
    }

    static Prices fromProto(ModelPrice price, Instant now, String path) {
        Violations violations = new Violations();
        violations.check(!price.getProvider().isBlank(), path + ".provider", "is required");
        violations.check(!price.getModel().isBlank(), path + ".model", "is required");
        Map<TokenClass, BigDecimal> base = perMillion(violations, path, price);
        List<RateCard> cards = new ArrayList<>();
        for (int i = 0; i < price.getRateCardsCount(); i++) {
            io.tokenledger.api.pricing.v1.RateCard card = price.getRateCards(i);
            String cardPath = path + ".rate_cards[" + i + "]";
            Map<TokenClass, BigDecimal> rates = cardRates(violations, cardPath, card);
            try {
                cards.add(new RateCard(ProtoMapping.fromProto(card.getServiceTier()), card.getAbovePromptTokens(), rates));
            } catch (IllegalArgumentException e) {
                violations.add(cardPath, e.getMessage());
            }
        }
        violations.check(!base.isEmpty() || price.getModel().isBlank(), path, "at least one price is required");
        violations.throwIfAny();
        Instant from = price.hasEffectiveTime() ? ProtoMapping.fromProto(price.getEffectiveTime()) : now;
        return new Prices(price.getProvider(), price.getModel(), price.getMode(), from, base, price.getSource(), cards);
    }

    static TenantDeployment fromProto(SetTenantDeploymentRequest request) {
        Violations violations = new Violations();
        violations.check(request.getTenantId().matches("[A-Za-z0-9._-]{1,64}"), "tenant_id",
                "must be 1..64 characters of [A-Za-z0-9._-]");
        violations.check(!request.getProvider().isBlank(), "provider", "is required");
        violations.check(!request.getDeployment().isBlank() && request.getDeployment().length() <= 128, "deployment",
                "must be 1..128 characters");
        violations.check(!request.getModel().isBlank() && request.getModel().length() <= 128, "model",
                "must be 1..128 characters");
        violations.throwIfAny();
        return new TenantDeployment(request.getTenantId(), request.getProvider(), request.getDeployment(),
                request.getModel());
    }

    static TenantPrice fromProto(SetTenantPriceRequest request, Instant now) {
        Violations violations = new Violations();
        violations.check(!request.getTenantId().isBlank(), "tenant_id", "is required");
        violations.check(!request.getProvider().isBlank(), "provider", "is required");
        violations.check(!request.getModel().isBlank(), "model", "is required");
        Map<TokenClass, BigDecimal> own = request.hasPrices() ? perMillion(violations, "prices", request.getPrices())
                : Map.of();
        BigDecimal discount = null;
        if (!request.getDiscountPercent().isBlank()) {
            discount = decimal(violations, "discount_percent", request.getDiscountPercent());
            violations.check(discount == null || discount.compareTo(BigDecimal.valueOf(100)) <= 0,
                    "discount_percent", "must be within 0..100");
        }
        violations.check(own.isEmpty() != (discount == null && request.getDiscountPercent().isBlank()), "prices",
                "set either per-class prices or discount_percent, exactly one");
        violations.throwIfAny();
        Instant from = request.hasEffectiveTime() ? ProtoMapping.fromProto(request.getEffectiveTime()) : now;
        Prices prices = new Prices(request.getProvider(), request.getModel(), "", from, own, request.getSource());
        return new TenantPrice(request.getTenantId(), prices, discount);
    }

    private static Map<TokenClass, BigDecimal> perMillion(Violations v, String path, ModelPrice p) {
        Map<TokenClass, BigDecimal> rates = new EnumMap<>(TokenClass.class);
        put(v, rates, path, TokenClass.INPUT, p.getInputPerMillion());
        put(v, rates, path, TokenClass.CACHED_INPUT, p.getCachedInputPerMillion());
        put(v, rates, path, TokenClass.CACHE_WRITE_5M, p.getCacheWrite5MPerMillion());
        put(v, rates, path, TokenClass.CACHE_WRITE_1H, p.getCacheWrite1HPerMillion());
        put(v, rates, path, TokenClass.OUTPUT, p.getOutputPerMillion());
        put(v, rates, path, TokenClass.REASONING, p.getReasoningPerMillion());
        put(v, rates, path, TokenClass.INPUT_AUDIO, p.getInputAudioPerMillion());
        put(v, rates, path, TokenClass.OUTPUT_AUDIO, p.getOutputAudioPerMillion());
        put(v, rates, path, TokenClass.INPUT_IMAGE, p.getInputImagePerMillion());
        put(v, rates, path, TokenClass.OUTPUT_IMAGE, p.getOutputImagePerMillion());
        put(v, rates, path, TokenClass.EMBEDDING, p.getEmbeddingPerMillion());
        put(v, rates, path, TokenClass.TRAINING, p.getTrainingPerMillion());
        put(v, rates, path, TokenClass.REQUEST, p.getRequestPerMillion());
        put(v, rates, path, TokenClass.WEB_SEARCH, p.getWebSearchPerMillion());
        return rates;
    }

    private static Map<TokenClass, BigDecimal> cardRates(Violations v, String path, io.tokenledger.api.pricing.v1.RateCard c) {
        Map<TokenClass, BigDecimal> rates = new EnumMap<>(TokenClass.class);
        put(v, rates, path, TokenClass.INPUT, c.getInputPerMillion());
        put(v, rates, path, TokenClass.CACHED_INPUT, c.getCachedInputPerMillion());
        put(v, rates, path, TokenClass.CACHE_WRITE_5M, c.getCacheWrite5MPerMillion());
        put(v, rates, path, TokenClass.CACHE_WRITE_1H, c.getCacheWrite1HPerMillion());
        put(v, rates, path, TokenClass.OUTPUT, c.getOutputPerMillion());
        put(v, rates, path, TokenClass.REASONING, c.getReasoningPerMillion());
        put(v, rates, path, TokenClass.INPUT_AUDIO, c.getInputAudioPerMillion());
        put(v, rates, path, TokenClass.OUTPUT_AUDIO, c.getOutputAudioPerMillion());
        put(v, rates, path, TokenClass.INPUT_IMAGE, c.getInputImagePerMillion());
        put(v, rates, path, TokenClass.OUTPUT_IMAGE, c.getOutputImagePerMillion());
        put(v, rates, path, TokenClass.EMBEDDING, c.getEmbeddingPerMillion());
        return rates;
    }

    private static void put(Violations v, Map<TokenClass, BigDecimal> rates, String path, TokenClass c, String text) {
        if (!text.isBlank()) {
            BigDecimal value = decimal(v, path + "." + c.label() + "_per_million", text);
            if (value != null) {
                rates.put(c, value);
            }
        }
    }

    private static BigDecimal decimal(Violations v, String field, String text) {
        try {
            BigDecimal value = new BigDecimal(text.trim());
            if (value.signum() < 0) {
                v.add(field, "must be >= 0");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            v.add(field, "is not a decimal number: " + text);
            return null;
        }
    }
}

package io.tokenledger.pricing.grpc;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.pricing.v1.ModelPrice;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.pricing.application.UsageToPrice;
import io.tokenledger.pricing.domain.Breakdown;
import io.tokenledger.pricing.domain.PricedUsage;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import io.tokenledger.pricing.domain.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Converts between the API's messages and the domain's records. */
final class ProtoMapping {

    private ProtoMapping() {
    }

    static UsageToPrice fromProto(PriceItem item, Instant now) {
        Instant at = item.hasOccurredTime() ? fromProto(item.getOccurredTime()) : now;
        return new UsageToPrice(item.getItemId(), item.getTenantId(), item.getProvider(), item.getModel(), at,
                fromProto(item.getUsage()), fromProto(item.getServiceTier()));
    }

    static TokenUsage fromProto(io.tokenledger.api.common.v1.TokenUsage usage) {
        return new TokenUsage(usage.getInputTokens(), usage.getCachedInputTokens(), usage.getCacheWrite5MTokens(),
                usage.getCacheWrite1HTokens(), usage.getOutputTokens(), usage.getReasoningTokens(),
                usage.getInputAudioTokens(), usage.getOutputAudioTokens(), usage.getInputImageTokens(),
                usage.getOutputImageTokens(), usage.getEmbeddingTokens(), usage.getTrainingTokens(),
                usage.getTrainingEpochs(), usage.getRequests(), usage.getWebSearchQueries());
    }

    /** Unset means standard; an unknown future value is rejected by validation before it gets here. */
    static ServiceTier fromProto(io.tokenledger.api.pricing.v1.ServiceTier tier) {
        switch (tier) {
            case SERVICE_TIER_BATCH: return ServiceTier.BATCH;
            case SERVICE_TIER_PRIORITY: return ServiceTier.PRIORITY;
            case SERVICE_TIER_FLEX: return ServiceTier.FLEX;
            default: return ServiceTier.STANDARD;
        }
    }

    static io.tokenledger.api.pricing.v1.ServiceTier toProto(ServiceTier tier) {
        switch (tier) {
            case BATCH: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_BATCH;
            case PRIORITY: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_PRIORITY;
            case FLEX: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_FLEX;
            default: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_STANDARD;
        }
    }

    static Instant fromProto(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Optional<Instant> optionalTime(boolean present, Timestamp timestamp) {
        return present ? Optional.of(fromProto(timestamp)) : Optional.empty();
    }

    static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static PricedItem toProto(String itemId, PricedUsage priced) {
        PricedItem.Builder item = PricedItem.newBuilder()
                .setItemId(itemId)
                .setUnpricedReason(priced.unpricedReason())
                .setCostNanos(priced.costNanos())
                .setListCostNanos(priced.listCostNanos())
                .setPriceId(priced.priceId())
                .setResolvedProvider(priced.resolvedProvider())
                .setResolvedModel(priced.resolvedModel());
        if (priced.isPriced()) {
            item.setStatus(PricingStatus.PRICING_STATUS_PRICED).setBreakdown(toProto(priced.breakdown()));
        } else {
            item.setStatus(PricingStatus.PRICING_STATUS_UNPRICED);
        }
        return item.build();
    }

    static CostBreakdown toProto(Breakdown breakdown) {
        return CostBreakdown.newBuilder()
                .setInputNanos(breakdown.nanos(TokenClass.INPUT))
                .setCachedInputNanos(breakdown.nanos(TokenClass.CACHED_INPUT))
                .setCacheWrite5MNanos(breakdown.nanos(TokenClass.CACHE_WRITE_5M))
                .setCacheWrite1HNanos(breakdown.nanos(TokenClass.CACHE_WRITE_1H))
                .setOutputNanos(breakdown.nanos(TokenClass.OUTPUT))
                .setReasoningNanos(breakdown.nanos(TokenClass.REASONING))
                .setInputAudioNanos(breakdown.nanos(TokenClass.INPUT_AUDIO))
                .setOutputAudioNanos(breakdown.nanos(TokenClass.OUTPUT_AUDIO))
                .setInputImageNanos(breakdown.nanos(TokenClass.INPUT_IMAGE))
                .setOutputImageNanos(breakdown.nanos(TokenClass.OUTPUT_IMAGE))
                .setEmbeddingNanos(breakdown.nanos(TokenClass.EMBEDDING))
                .setTrainingNanos(breakdown.nanos(TokenClass.TRAINING))
                .setRequestNanos(breakdown.nanos(TokenClass.REQUEST))
                .setWebSearchNanos(breakdown.nanos(TokenClass.WEB_SEARCH))
                .build();
    }

    static ModelPrice toProto(Prices prices) {
        ModelPrice.Builder price = ModelPrice.newBuilder()
                .setProvider(prices.provider())
                .setModel(prices.model())
                .setPriceId(prices.priceId())
                .setEffectiveTime(toProto(prices.effectiveFrom()))
                .setInputPerMillion(decimal(prices, TokenClass.INPUT))
                .setCachedInputPerMillion(decimal(prices, TokenClass.CACHED_INPUT))
                .setCacheWrite5MPerMillion(decimal(prices, TokenClass.CACHE_WRITE_5M))
                .setCacheWrite1HPerMillion(decimal(prices, TokenClass.CACHE_WRITE_1H))
                .setOutputPerMillion(decimal(prices, TokenClass.OUTPUT))
                .setReasoningPerMillion(decimal(prices, TokenClass.REASONING))
                .setInputAudioPerMillion(decimal(prices, TokenClass.INPUT_AUDIO))
                .setOutputAudioPerMillion(decimal(prices, TokenClass.OUTPUT_AUDIO))
                .setInputImagePerMillion(decimal(prices, TokenClass.INPUT_IMAGE))
                .setOutputImagePerMillion(decimal(prices, TokenClass.OUTPUT_IMAGE))
                .setEmbeddingPerMillion(decimal(prices, TokenClass.EMBEDDING))
                .setTrainingPerMillion(decimal(prices, TokenClass.TRAINING))
                .setRequestPerMillion(decimal(prices, TokenClass.REQUEST))
                .setWebSearchPerMillion(decimal(prices, TokenClass.WEB_SEARCH))
                .setSource(prices.source())
                .setMode(prices.mode());
        for (RateCard card : prices.rateCards()) {
            price.addRateCards(io.tokenledger.api.pricing.v1.RateCard.newBuilder()
                    .setServiceTier(toProto(card.tier()))
                    .setAbovePromptTokens(card.abovePromptTokens())
                    .setInputPerMillion(decimal(card.perMillion().get(TokenClass.INPUT)))
                    .setCachedInputPerMillion(decimal(card.perMillion().get(TokenClass.CACHED_INPUT)))
                    .setCacheWrite5MPerMillion(decimal(card.perMillion().get(TokenClass.CACHE_WRITE_5M)))
                    .setCacheWrite1HPerMillion(decimal(card.perMillion().get(TokenClass.CACHE_WRITE_1H)))
                    .setOutputPerMillion(decimal(card.perMillion().get(TokenClass.OUTPUT)))
                    .setReasoningPerMillion(decimal(card.perMillion().get(TokenClass.REASONING)))
                    .setInputAudioPerMillion(decimal(card.perMillion().get(TokenClass.INPUT_AUDIO)))
                    .setOutputAudioPerMillion(decimal(card.perMillion().get(TokenClass.OUTPUT_AUDIO)))
                    .setInputImagePerMillion(decimal(card.perMillion().get(TokenClass.INPUT_IMAGE)))
                    .setOutputImagePerMillion(decimal(card.perMillion().get(TokenClass.OUTPUT_IMAGE)))
                    .setEmbeddingPerMillion(decimal(card.perMillion().get(TokenClass.EMBEDDING))));
        }
        return price.build();
    }

    /** "0.25" for a price, "" for none; never scientific notation. */
    private static String decimal(Prices prices, TokenClass tokenClass) {
        return decimal(prices.perMillion().get(tokenClass));
    }

    private static String decimal(BigDecimal price) {
        return price == null ? "" : price.stripTrailingZeros().toPlainString();
    }
}

package io.tokenledger.attribution.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.MutinyPricingServiceGrpc;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.ServiceTier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * pricing-service's PriceUsage over a small price book, served on the test port (attribution's pricing client points
 * there in tests). Rates in nano-USD per token:
 * <ul>
 *   <li>openai/big: input 2,000, cached input 500, cache write 5m 2,500, output 8,000; batch tier half of each
 *       (1,000, 250, 1,250, 4,000)</li>
 *   <li>openai/small: input 400, cached input 100, output 1,600; no cache-write rate, no batch tier</li>
 *   <li>openai/tiny: input 100, output 400; no cached-input or cache-write rate, no batch tier</li>
 * </ul>
 * A class without a rate, another token class, or another model is UNPRICED, like the real service.
 */
@GrpcService
public class FakePricing extends MutinyPricingServiceGrpc.PricingServiceImplBase {

    /** PriceUsage calls served, to check batching. */
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Uni<PriceUsageResponse> priceUsage(PriceUsageRequest request) {
        CALLS.incrementAndGet();
        PriceUsageResponse.Builder response = PriceUsageResponse.newBuilder();
        request.getItemsList().forEach(item -> response.addItems(price(item)));
        return Uni.createFrom().item(response.build());
    }

    private static PricedItem price(PriceItem item) {
        boolean batch = item.getServiceTier() == ServiceTier.SERVICE_TIER_BATCH;
        long[] rates; // input, cached input, cache write 5m, output; -1 = no rate
        switch (item.getProvider() + "/" + item.getModel()) {
            case "openai/big" -> rates = batch ? new long[] {1_000, 250, 1_250, 4_000} : new long[] {2_000, 500, 2_500, 8_000};
            case "openai/small" -> rates = batch ? null : new long[] {400, 100, -1, 1_600};
            case "openai/tiny" -> rates = batch ? null : new long[] {100, -1, -1, 400};
            default -> rates = null;
        }
        TokenUsage u = item.getUsage();
        long[] tokens = {u.getInputTokens(), u.getCachedInputTokens(), u.getCacheWrite5MTokens(), u.getOutputTokens()};
        boolean otherClasses = u.getCacheWrite1HTokens() + u.getReasoningTokens() + u.getInputAudioTokens()
                + u.getOutputAudioTokens() + u.getInputImageTokens() + u.getOutputImageTokens()
                + u.getEmbeddingTokens() + u.getTrainingTokens() > 0;
        long cost = 0;
        boolean priced = rates != null && !otherClasses;
        for (int i = 0; priced && i < tokens.length; i++) {
            if (tokens[i] > 0 && rates[i] < 0) {
                priced = false;
            } else if (tokens[i] > 0) {
                cost += tokens[i] * rates[i];
            }
        }
        PricedItem.Builder result = PricedItem.newBuilder().setItemId(item.getItemId())
                .setResolvedProvider(item.getProvider()).setResolvedModel(item.getModel());
        return priced ? result.setStatus(PricingStatus.PRICING_STATUS_PRICED).setCostNanos(cost).build()
                : result.setStatus(PricingStatus.PRICING_STATUS_UNPRICED)
                        .setUnpricedReason("no price for " + item.getProvider() + "/" + item.getModel()
                                + (batch ? " (batch)" : "")).build();
    }
}

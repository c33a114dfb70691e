package io.tokenledger.ingest.fakes;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.pricing.v1.MutinyPricingServiceGrpc;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import io.tokenledger.api.pricing.v1.PricedItem;

/**
 * A price book of one model: "gpt-5-mini" (resolved to "gpt-5-mini-2025-08-07") at $1.00 per 1M input
 * and $2.00 per 1M output tokens, i.e. 1,000 and 2,000 nano-USD per token; the resolved name prices the same (as in
 * the real book, so a re-rated ledger entry re-prices to itself). Any other model is UNPRICED. A tenant whose id starts
 * with {@link #TENANT_PRICED} has its own price at half of that (500 and 1,000 nano-USD per token); its list cost
 * stays at the public price, as pricing answers it.
 */
@GrpcService
public class FakePricing extends MutinyPricingServiceGrpc.PricingServiceImplBase {

    public static final String PRICE_ID = "openai/gpt-5-mini@2025-08-07";
    public static final String TENANT_PRICED = "tenant-priced-";

    @Override
    public Uni<PriceUsageResponse> priceUsage(PriceUsageRequest request) {
        PriceUsageResponse.Builder response = PriceUsageResponse.newBuilder();
        for (PriceItem item : request.getItemsList()) {
            Fakes.PRICED.add(item);
            response.addItems(price(item));
        }
        return Uni.createFrom().item(response.build());
    }

    private static PricedItem price(PriceItem item) {
        if (!item.getModel().equals("gpt-5-mini") && !item.getModel().equals("gpt-5-mini-2025-08-07")) {
            return PricedItem.newBuilder().setItemId(item.getItemId())
                    .setStatus(PricingStatus.PRICING_STATUS_UNPRICED)
                    .setUnpricedReason("unknown model " + item.getProvider() + "/" + item.getModel())
                    .setBreakdown(CostBreakdown.getDefaultInstance())
                    .setResolvedProvider(item.getProvider()).setResolvedModel(item.getModel())
                    .build();
        }
        long input = item.getUsage().getInputTokens() * 1_000L;
        long output = item.getUsage().getOutputTokens() * 2_000L;
        long list = input + output;
        if (item.getTenantId().startsWith(TENANT_PRICED)) {
            input /= 2;
            output /= 2;
        }
        return PricedItem.newBuilder().setItemId(item.getItemId())
                .setStatus(PricingStatus.PRICING_STATUS_PRICED)
                .setCostNanos(input + output)
                .setListCostNanos(list)
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(input).setOutputNanos(output))
                .setPriceId(PRICE_ID)
                .setResolvedProvider("openai").setResolvedModel("gpt-5-mini-2025-08-07")
                .build();
    }
}

package io.tokenledger.budget.grpc;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.pricing.v1.CompareModelsRequest;
import io.tokenledger.api.pricing.v1.CompareModelsResponse;
import io.tokenledger.api.pricing.v1.GetModelPriceRequest;
import io.tokenledger.api.pricing.v1.GetModelPriceResponse;
import io.tokenledger.api.pricing.v1.ListModelsRequest;
import io.tokenledger.api.pricing.v1.ListModelsResponse;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import io.tokenledger.api.pricing.v1.PricedItem;

/** A stand-in pricing-service: "fake/flat-model" costs 1,000 nano-USD ($1/1M) per input token; all else is unpriced. */
@GrpcService
public class FakePricing extends io.tokenledger.api.pricing.v1.MutinyPricingServiceGrpc.PricingServiceImplBase {

    static final long NANOS_PER_INPUT_TOKEN = 1_000;

    @Override
    public Uni<PriceUsageResponse> priceUsage(PriceUsageRequest request) {
        PriceUsageResponse.Builder response = PriceUsageResponse.newBuilder();
        for (PriceItem item : request.getItemsList()) {
            PricedItem.Builder priced = PricedItem.newBuilder().setItemId(item.getItemId());
            if ("fake".equals(item.getProvider()) && "flat-model".equals(item.getModel())) {
                priced.setStatus(PricingStatus.PRICING_STATUS_PRICED)
                        .setCostNanos(item.getUsage().getInputTokens() * NANOS_PER_INPUT_TOKEN);
            } else {
                priced.setStatus(PricingStatus.PRICING_STATUS_UNPRICED)
                        .setUnpricedReason("unknown model " + item.getProvider() + "/" + item.getModel());
            }
            response.addItems(priced);
        }
        return Uni.createFrom().item(response.build());
    }

    @Override
    public Uni<GetModelPriceResponse> getModelPrice(GetModelPriceRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<ListModelsResponse> listModels(ListModelsRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<CompareModelsResponse> compareModels(CompareModelsRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}

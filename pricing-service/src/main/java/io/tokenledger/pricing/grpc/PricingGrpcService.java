package io.tokenledger.pricing.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.pricing.v1.CompareModelsRequest;
import io.tokenledger.api.pricing.v1.CompareModelsResponse;
import io.tokenledger.api.pricing.v1.GetModelPriceRequest;
import io.tokenledger.api.pricing.v1.GetModelPriceResponse;
import io.tokenledger.api.pricing.v1.ListModelsRequest;
import io.tokenledger.api.pricing.v1.ListModelsResponse;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import io.tokenledger.api.pricing.v1.PricingService;
import io.tokenledger.pricing.application.ModelPage;
import io.tokenledger.pricing.application.PriceBook;
import io.tokenledger.pricing.application.UsageToPrice;
import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.PricedUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PricingService gRPC edge: validates, converts, calls the price book. Pricing reads only the
 * in-memory snapshot, so these methods run on the event loop without blocking.
 */
@GrpcService
public class PricingGrpcService implements PricingService {

    private final PriceBook priceBook;
    private final Clock clock;

    public PricingGrpcService(PriceBook priceBook, Clock clock) {
        this.priceBook = priceBook;
        this.clock = clock;
    }

    @Override
    public Uni<PriceUsageResponse> priceUsage(PriceUsageRequest request) {
        return Uni.createFrom().item(() -> {
            RequestValidation.check(request);
            Instant now = clock.instant();
            List<UsageToPrice> items = new ArrayList<>(request.getItemsCount());
            request.getItemsList().forEach(item -> items.add(ProtoMapping.fromProto(item, now)));
            List<PricedUsage> priced = priceBook.price(items);
            PriceUsageResponse.Builder response = PriceUsageResponse.newBuilder();
            for (int i = 0; i < priced.size(); i++) {
                response.addItems(ProtoMapping.toProto(items.get(i).itemId(), priced.get(i)));
            }
            return response.build();
        });
    }

    @Override
    public Uni<GetModelPriceResponse> getModelPrice(GetModelPriceRequest request) {
        return Uni.createFrom().item(() -> {
            RequestValidation.check(request);
            return GetModelPriceResponse.newBuilder()
                    .setPrice(ProtoMapping.toProto(priceBook.modelPrice(request.getProvider(), request.getModel(),
                            ProtoMapping.optionalTime(request.hasAtTime(), request.getAtTime()))))
                    .build();
        });
    }

    @Override
    public Uni<ListModelsResponse> listModels(ListModelsRequest request) {
        return Uni.createFrom().item(() -> {
            RequestValidation.check(request);
            ModelPage page = priceBook.listModels(nonBlank(request.getProvider()), request.getPageSize(),
                    nonBlank(request.getPageToken()));
            ListModelsResponse.Builder response = ListModelsResponse.newBuilder().setNextPageToken(page.nextPageToken());
            page.models().forEach(prices -> response.addModels(ProtoMapping.toProto(prices)));
            return response.build();
        });
    }

    @Override
    public Uni<CompareModelsResponse> compareModels(CompareModelsRequest request) {
        return Uni.createFrom().item(() -> {
            RequestValidation.check(request);
            List<ModelKey> candidates = request.getCandidatesList().stream()
                    .map(c -> new ModelKey(c.getProvider(), c.getModel()))
                    .toList();
            List<PricedUsage> priced = priceBook.compare(ProtoMapping.fromProto(request.getUsage()), candidates,
                    ProtoMapping.optionalTime(request.hasAtTime(), request.getAtTime()));
            CompareModelsResponse.Builder response = CompareModelsResponse.newBuilder();
            for (int i = 0; i < priced.size(); i++) {
                ModelKey candidate = candidates.get(i);
                response.addResults(ProtoMapping.toProto(candidate.provider() + "/" + candidate.model(), priced.get(i)));
            }
            return response.build();
        });
    }

    private static Optional<String> nonBlank(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}

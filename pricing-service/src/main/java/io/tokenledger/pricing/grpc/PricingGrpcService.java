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
import io.tokenledger.api.pricing.v1.ImportCatalogRequest;
import io.tokenledger.api.pricing.v1.ImportCatalogResponse;
import io.tokenledger.api.pricing.v1.ResolveModelRequest;
import io.tokenledger.api.pricing.v1.ResolveModelResponse;
import io.tokenledger.api.pricing.v1.SetTenantDeploymentRequest;
import io.tokenledger.api.pricing.v1.SetTenantDeploymentResponse;
import io.tokenledger.api.pricing.v1.SetTenantPriceRequest;
import io.tokenledger.api.pricing.v1.SetTenantPriceResponse;
import io.tokenledger.api.pricing.v1.UpsertPriceRequest;
import io.tokenledger.api.pricing.v1.UpsertPriceResponse;
import io.smallrye.common.annotation.Blocking;
import io.tokenledger.pricing.application.ImportResult;
import io.tokenledger.pricing.application.PriceEditing;
import io.tokenledger.pricing.application.PriceImport;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.TenantPrice;
import java.nio.file.Path;
import io.tokenledger.pricing.application.ModelPage;
import io.tokenledger.pricing.application.PriceBook;
import io.tokenledger.pricing.application.UsageToPrice;
import io.tokenledger.pricing.domain.ModelKey;
import io.tokenledger.pricing.domain.ModelResolution;
import io.tokenledger.pricing.domain.PricedUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PricingService gRPC edge: validates, converts, calls one use case. Pricing and resolution read only the
 * in-memory snapshot, so they run on the event loop; imports and price changes write the database (blocking).
 */
@GrpcService
public class PricingGrpcService implements PricingService {

    private final PriceBook priceBook;
    private final PriceImport priceImport;
    private final PriceEditing editing;
    private final Clock clock;

    public PricingGrpcService(PriceBook priceBook, PriceImport priceImport, PriceEditing editing, Clock clock) {
        this.priceBook = priceBook;
        this.priceImport = priceImport;
        this.editing = editing;
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
            List<PricedUsage> priced = priceBook.compare(request.getTenantId(), ProtoMapping.fromProto(request.getUsage()), candidates,
                    ProtoMapping.optionalTime(request.hasAtTime(), request.getAtTime()));
            CompareModelsResponse.Builder response = CompareModelsResponse.newBuilder();
            for (int i = 0; i < priced.size(); i++) {
                ModelKey candidate = candidates.get(i);
                response.addResults(ProtoMapping.toProto(candidate.provider() + "/" + candidate.model(), priced.get(i)));
            }
            return response.build();
        });
    }

    @Override
    @Blocking
    public Uni<ImportCatalogResponse> importCatalog(ImportCatalogRequest request) {
        return Uni.createFrom().item(() -> {
            RequestValidation.check(request);
            Instant from = request.hasEffectiveTime() ? ProtoMapping.fromProto(request.getEffectiveTime()) : clock.instant();
            ImportResult result = request.getServerPath().isBlank()
                    ? priceImport.importLiteLlm(request.getContent().newInput(), from, "LiteLLM catalog (uploaded)")
                    : priceImport.importLiteLlm(Path.of(request.getServerPath()), from);
            return ImportCatalogResponse.newBuilder()
                    .setModelsRead(result.entriesRead())
                    .setVersionsAdded(result.versionsAdded())
                    .setEntriesSkipped(result.entriesSkipped())
                    .setElapsedMillis(result.elapsedMillis())
                    .build();
        });
    }

    @Override
    public Uni<ResolveModelResponse> resolveModel(ResolveModelRequest request) {
        return Uni.createFrom().item(() -> {
            RequestValidation.check(request);
            ResolveModelResponse.Builder response = ResolveModelResponse.newBuilder();
            priceBook.resolve(request.getTenantId(), request.getProvider(), request.getModel())
                    .ifPresent(found -> response.setFound(true)
                    .setResolvedProvider(found.key().provider())
                    .setResolvedModel(found.key().model())
                    .setRule(found.rule())
                    .setDetail(found.detail()));
            return response.build();
        });
    }

    @Override
    @Blocking
    public Uni<UpsertPriceResponse> upsertPrice(UpsertPriceRequest request) {
        return Uni.createFrom().item(() -> {
            Prices version = PriceInput.fromProto(request.getPrice(), clock.instant(), "price");
            return UpsertPriceResponse.newBuilder().setPrice(ProtoMapping.toProto(editing.upsertPrice(version))).build();
        });
    }

    @Override
    @Blocking
    public Uni<SetTenantPriceResponse> setTenantPrice(SetTenantPriceRequest request) {
        return Uni.createFrom().item(() -> {
            TenantPrice price = PriceInput.fromProto(request, clock.instant());
            return SetTenantPriceResponse.newBuilder().setPriceId(editing.setTenantPrice(price).priceId()).build();
        });
    }

    @Override
    @Blocking
    public Uni<SetTenantDeploymentResponse> setTenantDeployment(SetTenantDeploymentRequest request) {
        return Uni.createFrom().item(() -> {
            ModelResolution target = editing.setTenantDeployment(PriceInput.fromProto(request));
            return SetTenantDeploymentResponse.newBuilder().setResolvedProvider(target.key().provider())
                    .setResolvedModel(target.key().model()).build();
        });
    }

    private static Optional<String> nonBlank(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}

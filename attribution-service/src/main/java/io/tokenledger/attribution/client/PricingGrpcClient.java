package io.tokenledger.attribution.client;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc;
import io.tokenledger.api.pricing.v1.ServiceTier;
import io.tokenledger.attribution.application.UsagePricer;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.PriceAnswer;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prices usages with pricing-service's PriceUsage (PRICING_HOST / PRICING_PORT), one call per batch, 30 s deadline. */
@ApplicationScoped
public class PricingGrpcClient implements UsagePricer {

    private static final long DEADLINE_MILLIS = 30_000;

    private final PricingServiceGrpc.PricingServiceBlockingStub pricing;

    public PricingGrpcClient(@GrpcClient("pricing") PricingServiceGrpc.PricingServiceBlockingStub pricing) {
        this.pricing = pricing;
    }

    @Override
    public List<PriceAnswer> price(String tenantId, List<PriceRequest> requests) {
        PriceUsageRequest.Builder request = PriceUsageRequest.newBuilder();
        for (int i = 0; i < requests.size(); i++) {
            PriceRequest item = requests.get(i);
            request.addItems(PriceItem.newBuilder()
                    .setItemId(Integer.toString(i))
                    .setTenantId(tenantId)
                    .setProvider(item.model().provider())
                    .setModel(item.model().model())
                    .setOccurredTime(timestamp(item.at()))
                    .setUsage(usage(item.tokens()))
                    .setServiceTier(item.batchTier() ? ServiceTier.SERVICE_TIER_BATCH
                            : ServiceTier.SERVICE_TIER_UNSPECIFIED));
        }
        List<PricedItem> items;
        try {
            items = pricing.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS).priceUsage(request.build())
                    .getItemsList();
        } catch (StatusRuntimeException e) {
            throw new TokenLedgerException.Unavailable("PRICING_UNAVAILABLE",
                    "pricing-service could not price the period (" + e.getStatus().getCode() + "); retry later", e);
        }
        List<PriceAnswer> answers = new ArrayList<>(items.size());
        for (PricedItem item : items) {
            boolean priced = item.getStatus() == PricingStatus.PRICING_STATUS_PRICED;
            answers.add(new PriceAnswer(priced, priced ? item.getCostNanos() : 0, item.getUnpricedReason()));
        }
        return answers;
    }

    static TokenUsage usage(Amounts<TokenClass> tokens) {
        return TokenUsage.newBuilder()
                .setInputTokens(tokens.get(TokenClass.INPUT))
                .setCachedInputTokens(tokens.get(TokenClass.CACHED_INPUT))
                .setCacheWrite5MTokens(tokens.get(TokenClass.CACHE_WRITE_5M))
                .setCacheWrite1HTokens(tokens.get(TokenClass.CACHE_WRITE_1H))
                .setOutputTokens(tokens.get(TokenClass.OUTPUT))
                .setReasoningTokens(tokens.get(TokenClass.REASONING))
                .setInputAudioTokens(tokens.get(TokenClass.INPUT_AUDIO))
                .setOutputAudioTokens(tokens.get(TokenClass.OUTPUT_AUDIO))
                .setInputImageTokens(tokens.get(TokenClass.INPUT_IMAGE))
                .setOutputImageTokens(tokens.get(TokenClass.OUTPUT_IMAGE))
                .setEmbeddingTokens(tokens.get(TokenClass.EMBEDDING))
                .setTrainingTokens(tokens.get(TokenClass.TRAINING))
                .setTrainingEpochs(tokens.get(TokenClass.TRAINING_EPOCHS))
                .setRequests(tokens.get(TokenClass.REQUESTS))
                .setWebSearchQueries(tokens.get(TokenClass.WEB_SEARCH_QUERIES))
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}

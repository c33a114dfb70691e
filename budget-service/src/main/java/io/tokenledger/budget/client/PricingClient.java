package io.tokenledger.budget.client;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc;
import io.tokenledger.budget.application.UsagePricer;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Prices CheckBudget estimates with pricing-service's PriceUsage, under a 2 s deadline. */
@ApplicationScoped
public class PricingClient implements UsagePricer {

    private static final long DEADLINE_MILLIS = 2_000;

    private final PricingServiceGrpc.PricingServiceBlockingStub pricing;

    public PricingClient(@GrpcClient("pricing") PricingServiceGrpc.PricingServiceBlockingStub pricing) {
        this.pricing = pricing;
    }

    @Override
    public long price(String tenant, String provider, String model, Instant at, TokenUsage usage) {
        PriceItem item = PriceItem.newBuilder()
                .setItemId("estimate")
                .setTenantId(tenant)
                .setProvider(provider)
                .setModel(model)
                .setOccurredTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setUsage(usage)
                .build();
        PricedItem priced;
        try {
            priced = pricing.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .priceUsage(PriceUsageRequest.newBuilder().addItems(item).build())
                    .getItems(0);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.INVALID_ARGUMENT || code == Status.Code.NOT_FOUND) {
                throw e;
            }
            throw new TokenLedgerException.Unavailable("PRICING_UNAVAILABLE",
                    "pricing-service could not price the estimate (" + code + "); retry later", e);
        }
        if (priced.getStatus() != PricingStatus.PRICING_STATUS_PRICED) {
            throw new TokenLedgerException.Invalid("model", "cannot price the estimate: " + priced.getUnpricedReason());
        }
        return priced.getCostNanos();
    }
}

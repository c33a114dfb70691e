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
import io.tokenledger.budget.config.BudgetConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prices CheckBudget estimates with pricing-service's PriceUsage, under a 2 s deadline. Answers are kept per
 * (tenant, provider, model, usage shape) for {@code price-cache-ttl}, so repeated checks of the same call shape
 * (a gateway's max-tokens estimate) cost no network hop; a price change is seen within that time.
 */
@ApplicationScoped
public class PricingClient implements UsagePricer {

    private static final long DEADLINE_MILLIS = 2_000;

    private static final int MAX_CACHED = 10_000;

    private record Key(String tenant, String provider, String model, TokenUsage usage) {
    }

    private record Cached(long costNanos, long pricedAtNanos) {
    }

    private final PricingServiceGrpc.PricingServiceBlockingStub pricing;
    private final long ttlNanos;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public PricingClient(@GrpcClient("pricing") PricingServiceGrpc.PricingServiceBlockingStub pricing, BudgetConfig config) {
        this(pricing, config.priceCacheTtl());
    }

    public PricingClient(PricingServiceGrpc.PricingServiceBlockingStub pricing, Duration cacheTtl) {
        this.pricing = pricing;
        this.ttlNanos = cacheTtl.toNanos();
    }

    @Override
    public OptionalLong cachedPrice(String tenant, String provider, String model, TokenUsage usage) {
        return fresh(new Key(tenant, provider, model, usage), System.nanoTime());
    }

    @Override
    public long price(String tenant, String provider, String model, Instant at, TokenUsage usage) {
        Key key = new Key(tenant, provider, model, usage);
        long now = System.nanoTime();
        OptionalLong cached = fresh(key, now);
        if (cached.isPresent()) {
            return cached.getAsLong();
        }
        long cost = priceRemotely(tenant, provider, model, at, usage);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(cost, now));
        return cost;
    }

    private OptionalLong fresh(Key key, long now) {
        Cached cached = cache.get(key);
        return cached != null && now - cached.pricedAtNanos() < ttlNanos
                ? OptionalLong.of(cached.costNanos()) : OptionalLong.empty();
    }

    private long priceRemotely(String tenant, String provider, String model, Instant at, TokenUsage usage) {
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

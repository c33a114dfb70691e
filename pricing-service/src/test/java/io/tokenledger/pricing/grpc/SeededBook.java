package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import io.tokenledger.api.pricing.v1.ServiceTier;

/**
 * Prices a usage with the book the service starts with (prices.csv + rate_cards.csv + the bundled LiteLLM
 * catalog, all effective 2025-01-01) through the real PriceUsage RPC, and asserts the outcome.
 * Usages are priced on 2025-06-01: before the dated imports of PriceChangesTest (2025-09-01, 2026-07-24), which
 * share the application and database with these tests, so the startup book is what prices them in any test order.
 */
final class SeededBook {

    // 2025-06-01T00:00:00Z
    static final Timestamp JUNE_2025 = Timestamp.newBuilder().setSeconds(1_748_736_000L).build();

    private final PricingServiceBlockingStub pricing;

    SeededBook(PricingServiceBlockingStub pricing) {
        this.pricing = pricing;
    }

    static TokenUsage.Builder usage() {
        return TokenUsage.newBuilder();
    }

    PricedItem price(String provider, String model, TokenUsage.Builder usage, ServiceTier tier) {
        return pricing.priceUsage(PriceUsageRequest.newBuilder().addItems(PriceItem.newBuilder().setItemId("fixture")
                .setProvider(provider).setModel(model).setOccurredTime(JUNE_2025).setUsage(usage)
                .setServiceTier(tier)).build()).getItems(0);
    }

    /** PRICED on the standard tier at {@code nanos}, by the model the reported name resolves to. */
    void assertPriced(String provider, String model, TokenUsage.Builder usage, long nanos, String resolvedProvider,
                      String resolvedModel) {
        assertPriced(provider, model, usage, ServiceTier.SERVICE_TIER_UNSPECIFIED, nanos, resolvedProvider,
                resolvedModel);
    }

    void assertPriced(String provider, String model, TokenUsage.Builder usage, ServiceTier tier, long nanos,
                      String resolvedProvider, String resolvedModel) {
        PricedItem item = price(provider, model, usage, tier);
        assertThat(item.getUnpricedReason()).as(provider + "/" + model).isEmpty();
        assertThat(item.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(item.getCostNanos()).as(provider + "/" + model).isEqualTo(nanos);
        assertThat(item.getResolvedProvider() + "/" + item.getResolvedModel())
                .isEqualTo(resolvedProvider + "/" + resolvedModel);
    }

    /** UNPRICED with {@code reason}: cost 0 because there is no price, never because the price is $0. */
    void assertUnpriced(String provider, String model, TokenUsage.Builder usage, ServiceTier tier, String reason) {
        PricedItem item = price(provider, model, usage, tier);
        assertThat(item.getStatus()).as(provider + "/" + model).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(item.getUnpricedReason()).isEqualTo(reason);
        assertThat(item.getCostNanos()).isZero();
    }

    void assertUnpriced(String provider, String model, TokenUsage.Builder usage, String reason) {
        assertUnpriced(provider, model, usage, ServiceTier.SERVICE_TIER_UNSPECIFIED, reason);
    }
}

package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.GetModelPriceRequest;
import io.tokenledger.api.pricing.v1.ModelPrice;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import io.tokenledger.api.pricing.v1.RateCard;
import io.tokenledger.api.pricing.v1.ServiceTier;
import io.tokenledger.api.pricing.v1.SetTenantPriceRequest;
import io.tokenledger.api.pricing.v1.UpsertPriceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Service tiers and tenant prices through the API, with a version (and its rate cards) stored by UpsertPrice. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantAndTierGrpcTest {

    static final Timestamp JAN_2030 = Timestamp.newBuilder().setSeconds(1_893_456_000L).build();
    static final Timestamp JAN_15_2030 = Timestamp.newBuilder().setSeconds(1_894_665_600L).build();
    static final Timestamp FEB_2030 = Timestamp.newBuilder().setSeconds(1_896_134_400L).build();
    // Instance field: a static API message would be initialized in the JUnit class loader, not Quarkus's.
    private final TokenUsage usage = TokenUsage.newBuilder().setInputTokens(1_000).setCachedInputTokens(200)
            .setOutputTokens(300).build();

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    @BeforeAll
    void addA2030VersionWithAPriorityCardAndATenantDiscount() {
        pricing.upsertPrice(UpsertPriceRequest.newBuilder().setPrice(ModelPrice.newBuilder()
                .setProvider("openai").setModel("gpt-5-mini").setEffectiveTime(JAN_2030).setMode("chat")
                .setInputPerMillion("0.25").setCachedInputPerMillion("0.025").setOutputPerMillion("2")
                .addRateCards(RateCard.newBuilder().setServiceTier(ServiceTier.SERVICE_TIER_PRIORITY)
                        .setInputPerMillion("0.45").setCachedInputPerMillion("0.045").setOutputPerMillion("3.6"))
                .addRateCards(RateCard.newBuilder().setServiceTier(ServiceTier.SERVICE_TIER_STANDARD)
                        .setAbovePromptTokens(272_000).setInputPerMillion("0.5").setCachedInputPerMillion("0.05")
                        .setOutputPerMillion("4"))).build());
        pricing.setTenantPrice(SetTenantPriceRequest.newBuilder().setTenantId("acme").setProvider("openai")
                .setModel("gpt-5-mini").setEffectiveTime(JAN_15_2030).setDiscountPercent("10").setSource("contract").build());
    }

    @Test
    void priorityTierUsesItsCardAndBatchWithoutOneIsUnpriced() {
        // priority: 1,000 x 0.45 = $0.00045; 200 x 0.045 = $0.000009; 300 x 3.6 = $0.00108; total $0.001539
        PricedItem priority = price("", ServiceTier.SERVICE_TIER_PRIORITY);
        assertThat(priority.getCostNanos()).isEqualTo(1_539_000L);
        assertThat(priority.getPriceId()).isEqualTo("openai/gpt-5-mini@2030-01-01T00:00:00Z");
        PricedItem batch = price("", ServiceTier.SERVICE_TIER_BATCH);
        assertThat(batch.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(batch.getUnpricedReason()).isEqualTo("no batch prices for openai/gpt-5-mini");
    }

    @Test
    void tenantDiscountWithListCostBeside() {
        // list: 1,000 x 0.25 + 200 x 0.025 + 300 x 2 = $0.00025 + $0.000005 + $0.0006 = $0.000855
        // acme 10% off: $0.000855 x 0.9 = $0.0007695
        PricedItem acme = price("acme", ServiceTier.SERVICE_TIER_UNSPECIFIED);
        assertThat(acme.getCostNanos()).isEqualTo(769_500L);
        assertThat(acme.getListCostNanos()).isEqualTo(855_000L);
        assertThat(acme.getPriceId()).isEqualTo("tenant:acme:openai/gpt-5-mini@2030-01-15T00:00:00Z");
        PricedItem other = price("globex", ServiceTier.SERVICE_TIER_STANDARD);
        assertThat(other.getCostNanos()).isEqualTo(855_000L);
        assertThat(other.getListCostNanos()).isEqualTo(855_000L);
    }

    @Test
    void storedRateCardsComeBackWithTheVersion() {
        ModelPrice price = pricing.getModelPrice(GetModelPriceRequest.newBuilder().setProvider("openai")
                .setModel("gpt-5-mini").setAtTime(FEB_2030).build()).getPrice();
        assertThat(price.getRateCardsList()).hasSize(2);
        assertThat(price.getRateCardsList()).anySatisfy(card -> {
            assertThat(card.getServiceTier()).isEqualTo(ServiceTier.SERVICE_TIER_STANDARD);
            assertThat(card.getAbovePromptTokens()).isEqualTo(272_000);
            assertThat(card.getOutputPerMillion()).isEqualTo("4");
        });
    }

    @Test
    void tenantPriceIsEitherPricesOrADiscount() {
        StatusRuntimeException both = catchThrowableOfType(StatusRuntimeException.class, () -> pricing.setTenantPrice(
                SetTenantPriceRequest.newBuilder().setTenantId("acme").setProvider("openai").setModel("gpt-5-mini")
                        .setDiscountPercent("10").setPrices(ModelPrice.newBuilder().setInputPerMillion("0.1")).build()));
        assertThat(both.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException bad = catchThrowableOfType(StatusRuntimeException.class, () -> pricing.upsertPrice(
                UpsertPriceRequest.newBuilder().setPrice(ModelPrice.newBuilder().setProvider("openai").setModel("x")
                        .setInputPerMillion("-1")).build()));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    private PricedItem price(String tenant, ServiceTier tier) {
        return pricing.priceUsage(PriceUsageRequest.newBuilder().addItems(PriceItem.newBuilder().setItemId("i")
                .setTenantId(tenant).setProvider("openai").setModel("gpt-5-mini").setOccurredTime(FEB_2030)
                .setServiceTier(tier).setUsage(usage)).build()).getItems(0);
    }
}

package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import io.tokenledger.api.pricing.v1.ResolveModelRequest;
import io.tokenledger.api.pricing.v1.ResolveModelResponse;
import io.tokenledger.api.pricing.v1.SetTenantDeploymentRequest;
import io.tokenledger.api.pricing.v1.SetTenantDeploymentResponse;
import io.tokenledger.api.pricing.v1.SetTenantPriceRequest;
import io.tokenledger.api.pricing.v1.ModelPrice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Azure deployment names mapped per tenant (SetTenantDeployment), on the seeded book with the LiteLLM import. */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class TenantDeploymentTest {

    // 2026-08-01T00:00:00Z
    private static final Timestamp AUGUST_2026 = Timestamp.newBuilder().setSeconds(1_785_542_400L).build();

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    @Test
    void a_deployment_prices_as_its_model_for_its_tenant_only() {
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        SetTenantDeploymentResponse set = pricing.setTenantDeployment(SetTenantDeploymentRequest.newBuilder()
                .setTenantId(tenant).setProvider("azure").setDeployment("Prod-Chat").setModel("gpt-4o-2024-08-06").build());
        assertThat(set.getResolvedProvider()).isEqualTo("azure");
        assertThat(set.getResolvedModel()).isEqualTo("gpt-4o-2024-08-06");

        // LiteLLM azure/gpt-4o-2024-08-06: $2.50 in, $1.25 cached, $10 out. 1,000 in, 500 cached, 200 out:
        // 2,500 + 625 + 2,000 -> 5,125 micro-USD = 5,125,000 nano-USD. Matching is case-insensitive.
        TokenUsage usage = TokenUsage.newBuilder().setInputTokens(1_000).setCachedInputTokens(500)
                .setOutputTokens(200).build();
        PricedItem own = price(tenant, "azure", "prod-chat", usage);
        assertThat(own.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(own.getCostNanos()).isEqualTo(5_125_000L);
        assertThat(own.getResolvedModel()).isEqualTo("gpt-4o-2024-08-06");

        // Another tenant's "prod-chat" means nothing.
        PricedItem other = price("other-" + tenant, "azure", "prod-chat", usage);
        assertThat(other.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(other.getUnpricedReason()).isEqualTo("unknown model azure/prod-chat");

        ResolveModelResponse why = pricing.resolveModel(ResolveModelRequest.newBuilder().setTenantId(tenant)
                .setProvider("azure").setModel("prod-chat").build());
        assertThat(why.getFound()).isTrue();
        assertThat(why.getRule()).isEqualTo("tenant_deployment");
        assertThat(why.getResolvedModel()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(why.getDetail()).isEqualTo("tenant " + tenant + "'s azure deployment prod-chat serves "
                + "gpt-4o-2024-08-06: exact (exact id azure/gpt-4o-2024-08-06)");
        assertThat(pricing.resolveModel(ResolveModelRequest.newBuilder().setProvider("azure").setModel("prod-chat")
                .build()).getFound()).isFalse();

        // Setting it again replaces the model: LiteLLM azure/gpt-4o-mini $0.165 in, $0.075 cached, $0.66 out:
        // 165 + 37.5 + 132 -> 334.5 micro-USD = 334,500 nano-USD.
        pricing.setTenantDeployment(SetTenantDeploymentRequest.newBuilder().setTenantId(tenant).setProvider("azure")
                .setDeployment("prod-chat").setModel("gpt-4o-mini").build());
        assertThat(price(tenant, "azure", "prod-chat", usage).getCostNanos()).isEqualTo(334_500L);
    }

    @Test
    void a_deployment_of_a_tenant_custom_model_uses_the_tenant_price() {
        String tenant = "ft-" + UUID.randomUUID().toString().substring(0, 8);
        pricing.setTenantPrice(SetTenantPriceRequest.newBuilder().setTenantId(tenant).setProvider("azure")
                .setModel("my-finetune").setEffectiveTime(Timestamp.newBuilder().setSeconds(1_735_689_600L))
                .setPrices(ModelPrice.newBuilder().setInputPerMillion("4").setOutputPerMillion("16")).build());
        pricing.setTenantDeployment(SetTenantDeploymentRequest.newBuilder().setTenantId(tenant).setProvider("azure")
                .setDeployment("ft-prod").setModel("my-finetune").build());
        // Custom $4 in, $16 out: 1,000 x 4 = 4,000 + 200 x 16 = 3,200 -> 7,200 micro-USD = 7,200,000 nano-USD.
        PricedItem item = price(tenant, "azure", "ft-prod", TokenUsage.newBuilder().setInputTokens(1_000)
                .setOutputTokens(200).build());
        assertThat(item.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(item.getCostNanos()).isEqualTo(7_200_000L);
    }

    @Test
    void bad_requests_and_unknown_models_are_refused_naming_the_field() throws InvalidProtocolBufferException {
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class, () ->
                pricing.setTenantDeployment(SetTenantDeploymentRequest.newBuilder().setTenantId("bad tenant")
                        .setProvider("azure").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(missing)).containsExactly("tenant_id", "deployment", "model");

        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () ->
                pricing.setTenantDeployment(SetTenantDeploymentRequest.newBuilder().setTenantId("acme")
                        .setProvider("azure").setDeployment("typo").setModel("gpt-9o").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(unknown)).containsExactly("model");
        assertThat(price("acme", "azure", "typo", TokenUsage.newBuilder().setInputTokens(1).build()).getStatus())
                .isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
    }

    private PricedItem price(String tenant, String provider, String model, TokenUsage usage) {
        return pricing.priceUsage(PriceUsageRequest.newBuilder().addItems(PriceItem.newBuilder().setItemId("d")
                .setTenantId(tenant).setProvider(provider).setModel(model).setOccurredTime(AUGUST_2026)
                .setUsage(usage)).build()).getItems(0);
    }

    private static List<String> fields(StatusRuntimeException error) throws InvalidProtocolBufferException {
        BadRequest badRequest = StatusProto.fromThrowable(error).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class);
        return badRequest.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }
}

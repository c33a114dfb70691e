package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.ImportCatalogRequest;
import io.tokenledger.api.pricing.v1.ModelPrice;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import io.tokenledger.api.pricing.v1.ResolveModelRequest;
import io.tokenledger.api.pricing.v1.ResolveModelResponse;
import io.tokenledger.api.pricing.v1.UpsertPriceRequest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Effective dating with real price changes: the 2025-09 catalog (tokencost's LiteLLM snapshot, a test resource:
 * catalog/tokencost, see its SOURCES.md) imported as of 2025-09-01 and the 2026-07-24 LiteLLM catalog as of that day,
 * on top of the startup import (as of 2025-01-01).
 * The same usage is priced before and after each change. Also ResolveModel on real catalog names.
 */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceChangesTest {

    static final Timestamp SEP_2025 = at(1_756_684_800L);
    static final Timestamp OCT_2025 = at(1_759_276_800L);
    static final Timestamp JUL_24_2026 = at(1_784_851_200L);
    static final Timestamp AUG_2026 = at(1_785_542_400L);

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    @BeforeAll
    void importBothCatalogs() throws URISyntaxException {
        // The service runs in this JVM, so a test resource is a file on the "server" it can import.
        Path tokencost = Path.of(getClass().getResource("/catalog/tokencost/tokencost_model_prices.json").toURI());
        pricing.importCatalog(ImportCatalogRequest.newBuilder().setFormat("litellm")
                .setServerPath(tokencost.toString()).setEffectiveTime(SEP_2025).build());
        pricing.importCatalog(ImportCatalogRequest.newBuilder().setFormat("litellm")
                .setServerPath(Path.of("src/main/resources/catalog/litellm/litellm_model_prices_and_context_window.json")
                        .toAbsolutePath().toString())
                .setEffectiveTime(JUL_24_2026).build());
    }

    @Test
    void gpt35TurboInputDroppedFrom150To50Cents() {
        TokenUsage usage = TokenUsage.newBuilder().setInputTokens(1_000_000).setOutputTokens(200_000).build();
        // 2025-09 catalog: 1,000,000 x $1.50/1M + 200,000 x $2.00/1M = $1.50 + $0.40 = $1.90
        PricedItem before = price("openai", "gpt-3.5-turbo", OCT_2025, usage);
        assertThat(before.getCostNanos()).isEqualTo(1_900_000_000L);
        assertThat(before.getPriceId()).isEqualTo("openai/gpt-3.5-turbo@2025-09-01T00:00:00Z");
        // 2026 catalog: 1,000,000 x $0.50/1M + 200,000 x $1.50/1M = $0.50 + $0.30 = $0.80
        PricedItem after = price("openai", "gpt-3.5-turbo", AUG_2026, usage);
        assertThat(after.getCostNanos()).isEqualTo(800_000_000L);
        assertThat(after.getPriceId()).isEqualTo("openai/gpt-3.5-turbo@2026-07-24T00:00:00Z");
    }

    @Test
    void mistralLargeLatestDroppedFrom2To50Cents() {
        TokenUsage usage = TokenUsage.newBuilder().setInputTokens(12_345).setOutputTokens(6_789).build();
        // 2025-09: 12,345 x $2/1M = $0.02469; 6,789 x $6/1M = $0.040734; total $0.065424 = 65,424,000 nano-USD
        PricedItem before = price("mistral", "mistral-large-latest", OCT_2025, usage);
        assertThat(before.getCostNanos()).isEqualTo(65_424_000L);
        assertThat(before.getBreakdown().getOutputNanos()).isEqualTo(40_734_000L);
        // 2026: 12,345 x $0.50/1M = $0.0061725; 6,789 x $1.50/1M = $0.0101835; total $0.016356 = 16,356,000 nano-USD
        PricedItem after = price("mistral", "mistral-large-latest", AUG_2026, usage);
        assertThat(after.getCostNanos()).isEqualTo(16_356_000L);
        assertThat(after.getBreakdown().getInputNanos()).isEqualTo(6_172_500L);
    }

    @Test
    void upsertPriceAddsAVersionFromItsEffectiveTimeOnly() {
        Timestamp jan2027 = at(1_798_761_600L);
        ModelPrice stored = pricing.upsertPrice(UpsertPriceRequest.newBuilder().setPrice(ModelPrice.newBuilder()
                .setProvider("openai").setModel("gpt-3.5-turbo").setEffectiveTime(jan2027)
                .setInputPerMillion("0.4").setOutputPerMillion("1.2").setSource("price cut notice").setMode("chat"))
                .build()).getPrice();
        assertThat(stored.getPriceId()).isEqualTo("openai/gpt-3.5-turbo@2027-01-01T00:00:00Z");
        TokenUsage usage = TokenUsage.newBuilder().setInputTokens(1_000_000).setOutputTokens(200_000).build();
        // From 2027-01-01: $0.40 + 200,000 x $1.20/1M = $0.40 + $0.24 = $0.64
        assertThat(price("openai", "gpt-3.5-turbo", at(1_801_440_000L), usage).getCostNanos()).isEqualTo(640_000_000L);
        // Usage of 2026-08 keeps the price in force then: $0.80
        assertThat(price("openai", "gpt-3.5-turbo", AUG_2026, usage).getCostNanos()).isEqualTo(800_000_000L);
    }

    @Test
    void resolveModelOnRealCatalogNames() {
        assertResolves("bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "bedrock",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "exact");
        assertResolves("vertex_ai", "claude-opus-4@20250514", "google", "claude-opus-4@20250514", "exact");
        assertResolves("openai", "openai/gpt-4o", "openai", "gpt-4o", "provider_prefix");
        assertResolves("openrouter", "openai/gpt-4o", "openrouter", "openai/gpt-4o", "exact");
        assertResolves("anthropic", "claude-haiku-4-5-20251001", "anthropic", "claude-haiku-4-5-20251001", "exact");
        assertResolves("openai", "gpt-4o-2099-12-31", "openai", "gpt-4o", "dated_snapshot");
        assertResolves("bedrock", "us.anthropic.claude-opus-4-5-20991231-v1:0", "anthropic", "claude-opus-4-5",
                "bedrock_profile");
        assertThat(pricing.resolveModel(ResolveModelRequest.newBuilder().setProvider("openai").setModel("gpt-9").build())
                .getFound()).isFalse();
    }

    private void assertResolves(String provider, String model, String toProvider, String toModel, String rule) {
        ResolveModelResponse found = pricing.resolveModel(ResolveModelRequest.newBuilder()
                .setProvider(provider).setModel(model).build());
        assertThat(found.getFound()).as(provider + "/" + model).isTrue();
        assertThat(found.getResolvedProvider() + "/" + found.getResolvedModel()).isEqualTo(toProvider + "/" + toModel);
        assertThat(found.getRule()).isEqualTo(rule);
    }

    private PricedItem price(String provider, String model, Timestamp at, TokenUsage usage) {
        return pricing.priceUsage(PriceUsageRequest.newBuilder().addItems(PriceItem.newBuilder().setItemId("i")
                .setProvider(provider).setModel(model).setOccurredTime(at).setUsage(usage)).build()).getItems(0);
    }

    private static Timestamp at(long seconds) {
        return Timestamp.newBuilder().setSeconds(seconds).build();
    }
}

package io.tokenledger.pricing.grpc;

import static io.tokenledger.pricing.grpc.SeededBook.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.pricing.v1.GetModelPriceRequest;
import io.tokenledger.api.pricing.v1.ImportCatalogRequest;
import io.tokenledger.api.pricing.v1.ImportCatalogResponse;
import io.tokenledger.api.pricing.v1.ModelPrice;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import io.tokenledger.api.pricing.v1.ServiceTier;
import io.tokenledger.pricing.application.PriceBook;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service with the full LiteLLM catalog imported at startup, and the ImportCatalog RPC. */
@QuarkusTest
@TestProfile(LiteLlmImportTest.WithLiteLlm.class)
class LiteLlmImportTest {

    /** Turns the startup import on (it is off for the other tests, which count the curated models). */
    public static class WithLiteLlm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenledger.pricing.import-litellm", "true");
        }
    }

    // 2025-06-01T00:00:00Z
    static final Timestamp JUNE = Timestamp.newBuilder().setSeconds(1_748_736_000L).build();

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    @Inject
    PriceBook priceBook;

    @Test
    void startupImportAddsTheWholeCatalogAndTheCuratedSeedWins() {
        assertThat(priceBook.current().versions().size()).isGreaterThan(2400);
        ModelPrice sonnet = pricing.getModelPrice(GetModelPriceRequest.newBuilder()
                .setProvider("anthropic").setModel("claude-sonnet-4-5").setAtTime(JUNE).build()).getPrice();
        assertThat(sonnet.getSource()).startsWith("LiteLLM catalog 2026-07-24 key claude-sonnet-4-5"); // the curated row
        ModelPrice gpt54 = pricing.getModelPrice(GetModelPriceRequest.newBuilder()
                .setProvider("openai").setModel("gpt-5.4").setAtTime(JUNE).build()).getPrice();
        assertThat(gpt54.getSource()).isEqualTo("LiteLLM catalog 2026-07-24 (bundled) key gpt-5.4");
        assertThat(gpt54.getRateCardsList()).anySatisfy(card -> {
            assertThat(card.getServiceTier()).isEqualTo(ServiceTier.SERVICE_TIER_STANDARD);
            assertThat(card.getAbovePromptTokens()).isEqualTo(272_000);
            assertThat(card.getInputPerMillion()).isEqualTo("5");
        });
    }

    @Test
    void theCuratedClaudeSonnet45KeepsItsLongContextCardAfterTheImport() {
        // The curated row wins over LiteLLM's claude-sonnet-4-5 (same id and date), so its rate cards must come
        // from the seed (rate_cards.csv): the *_above_200k_tokens rates of that LiteLLM entry.
        ModelPrice sonnet = pricing.getModelPrice(GetModelPriceRequest.newBuilder()
                .setProvider("anthropic").setModel("claude-sonnet-4-5").setAtTime(JUNE).build()).getPrice();
        assertThat(sonnet.getRateCardsList()).singleElement().satisfies(card -> {
            assertThat(card.getServiceTier()).isEqualTo(ServiceTier.SERVICE_TIER_STANDARD);
            assertThat(card.getAbovePromptTokens()).isEqualTo(200_000);
            assertThat(card.getInputPerMillion()).isEqualTo("6");
            assertThat(card.getCachedInputPerMillion()).isEqualTo("0.6");
            assertThat(card.getCacheWrite5MPerMillion()).isEqualTo("7.5");
            assertThat(card.getCacheWrite1HPerMillion()).isEqualTo("12");
            assertThat(card.getOutputPerMillion()).isEqualTo("22.5");
        });
        // Prompt 190,000 + 10,000 cache reads = 200,000, not above the threshold: base rates ($3 / $0.30 / $15).
        // 190,000 x 3 = 570,000 + 10,000 x 0.3 = 3,000 + 1,000 x 15 = 15,000 -> 588,000 micro-USD.
        SeededBook book = new SeededBook(pricing);
        book.assertPriced("anthropic", "claude-sonnet-4-5", usage().setInputTokens(190_000)
                .setCachedInputTokens(10_000).setOutputTokens(1_000), 588_000_000L, "anthropic", "claude-sonnet-4-5");
        // One more cache read: prompt 200,001 > 200,000, every class from the card ($6 / $0.60 / $22.50).
        // 190,000 x 6 = 1,140,000 + 10,001 x 0.6 = 6,000.6 + 1,000 x 22.5 = 22,500 -> 1,168,500.6 micro-USD.
        book.assertPriced("anthropic", "claude-sonnet-4-5", usage().setInputTokens(190_000)
                .setCachedInputTokens(10_001).setOutputTokens(1_000), 1_168_500_600L, "anthropic", "claude-sonnet-4-5");
    }

    @Test
    void theCuratedGemini25ProBillsPromptsAbove200kAtItsLongContextRates() {
        // Seeded from LiteLLM gemini/gemini-2.5-pro: $1.25 in, $0.125 cached, $10 out; above 200k prompt tokens
        // $2.50 in, $0.25 cached, $15 out; thoughts (reasoning) at the output price of the card in use.
        // Prompt 150,000 + 50,000 cached = 200,000: 187,500 + 6,250 + 2,000 x 10 = 20,000 + 1,000 x 10 = 10,000
        // -> 223,750 micro-USD.
        SeededBook book = new SeededBook(pricing);
        book.assertPriced("google", "gemini-2.5-pro", usage().setInputTokens(150_000).setCachedInputTokens(50_000)
                .setOutputTokens(2_000).setReasoningTokens(1_000), 223_750_000L, "google", "gemini-2.5-pro");
        // Prompt 150,000 + 50,001 = 200,001: 150,000 x 2.5 = 375,000 + 50,001 x 0.25 = 12,500.25
        // + 2,000 x 15 = 30,000 + 1,000 x 15 = 15,000 -> 432,500.25 micro-USD.
        book.assertPriced("google", "gemini-2.5-pro", usage().setInputTokens(150_000).setCachedInputTokens(50_001)
                .setOutputTokens(2_000).setReasoningTokens(1_000), 432_500_250L, "google", "gemini-2.5-pro");
    }

    @Test
    void importingTheSameCatalogAgainAddsNothing() {
        Path file = Path.of("src/main/resources/catalog/litellm/litellm_model_prices_and_context_window.json")
                .toAbsolutePath();
        ImportCatalogResponse again = pricing.importCatalog(ImportCatalogRequest.newBuilder().setFormat("litellm")
                .setServerPath(file.toString())
                .setEffectiveTime(Timestamp.newBuilder().setSeconds(1_735_689_600L)) // 2025-01-01, the startup date
                .build());
        assertThat(again.getModelsRead()).isEqualTo(2983);
        assertThat(again.getVersionsAdded()).isZero();
        assertThat(again.getModelsRead() - again.getEntriesSkipped()).isEqualTo(2480);
    }

    @Test
    void uploadedCatalogAddsANewVersionFromItsEffectiveTime() {
        String json = "{\"acme-model\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\","
                + " \"input_cost_per_token\": 1.1e-06, \"output_cost_per_token\": 4.4e-06}}";
        Timestamp july2026 = Timestamp.newBuilder().setSeconds(1_782_864_000L).build(); // 2026-07-01
        ImportCatalogResponse added = pricing.importCatalog(ImportCatalogRequest.newBuilder().setFormat("litellm")
                .setContent(ByteString.copyFrom(json, StandardCharsets.UTF_8)).setEffectiveTime(july2026).build());
        assertThat(added.getVersionsAdded()).isEqualTo(1);
        ModelPrice price = pricing.getModelPrice(GetModelPriceRequest.newBuilder()
                .setProvider("openai").setModel("acme-model").setAtTime(july2026).build()).getPrice();
        assertThat(price.getInputPerMillion()).isEqualTo("1.1");
        assertThat(price.getOutputPerMillion()).isEqualTo("4.4");
        assertThat(price.getPriceId()).isEqualTo("openai/acme-model@2026-07-01T00:00:00Z");
    }

    @Test
    void rejectsAnUnknownFormatAndBadContent() {
        StatusRuntimeException format = catchThrowableOfType(StatusRuntimeException.class, () -> pricing.importCatalog(
                ImportCatalogRequest.newBuilder().setFormat("csv").setContent(ByteString.copyFromUtf8("{}")).build()));
        assertThat(format.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException content = catchThrowableOfType(StatusRuntimeException.class, () -> pricing.importCatalog(
                ImportCatalogRequest.newBuilder().setFormat("litellm").setContent(ByteString.copyFromUtf8("[")).build()));
        assertThat(content.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}

package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.CandidateModel;
import io.tokenledger.api.pricing.v1.CompareModelsRequest;
import io.tokenledger.api.pricing.v1.CompareModelsResponse;
import io.tokenledger.api.pricing.v1.GetModelPriceRequest;
import io.tokenledger.api.pricing.v1.ListModelsRequest;
import io.tokenledger.api.pricing.v1.ListModelsResponse;
import io.tokenledger.api.pricing.v1.ModelPrice;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PricingGrpcServiceTest {

    // 2025-06-01T00:00:00Z, after the catalog's 2025-01-01 seed date.
    private static final Timestamp JUNE = Timestamp.newBuilder().setSeconds(1_748_736_000L).build();

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    @Test
    void pricesABatchByTheCatalog() {
        PriceUsageResponse response = pricing.priceUsage(PriceUsageRequest.newBuilder()
                .addItems(item("e1", "openai", "gpt-5-mini",
                        TokenUsage.newBuilder().setInputTokens(1_000).setCachedInputTokens(200).setOutputTokens(300)))
                .addItems(item("e2", "Anthropic", "claude-haiku-4-5-20251001",
                        TokenUsage.newBuilder().setInputTokens(10_000).setCacheWrite1HTokens(2_000).setOutputTokens(800)))
                .addItems(item("e3", "openai", "gpt-9", TokenUsage.newBuilder().setInputTokens(5)))
                .build());

        PricedItem gpt5Mini = response.getItems(0);
        // 1,000 x 0.25/1M + 200 x 0.025/1M + 300 x 2.00/1M = 0.00025 + 0.000005 + 0.0006 = 0.000855 USD
        assertThat(gpt5Mini.getItemId()).isEqualTo("e1");
        assertThat(gpt5Mini.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(gpt5Mini.getCostNanos()).isEqualTo(855_000L);
        assertThat(gpt5Mini.getBreakdown().getCachedInputNanos()).isEqualTo(5_000L);
        assertThat(gpt5Mini.getPriceId()).isEqualTo("openai/gpt-5-mini@2025-01-01T00:00:00Z");

        PricedItem haiku = response.getItems(1);
        // 10,000 x 1.00/1M + 2,000 x 2.00/1M (1h write) + 800 x 5.00/1M = 0.01 + 0.004 + 0.004 = 0.018 USD
        assertThat(haiku.getCostNanos()).isEqualTo(18_000_000L);
        assertThat(haiku.getBreakdown().getCacheWrite1HNanos()).isEqualTo(4_000_000L);
        assertThat(haiku.getResolvedProvider()).isEqualTo("anthropic");
        assertThat(haiku.getResolvedModel()).isEqualTo("claude-haiku-4-5");

        PricedItem unknown = response.getItems(2);
        assertThat(unknown.getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
        assertThat(unknown.getUnpricedReason()).isEqualTo("unknown model openai/gpt-9");
        assertThat(unknown.getCostNanos()).isZero();
        assertThat(unknown.getPriceId()).isEmpty();
    }

    @Test
    void rejectsAnInvalidBatchNamingEachField() throws InvalidProtocolBufferException {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> pricing.priceUsage(PriceUsageRequest.newBuilder()
                        .addItems(item("ok", "openai", "gpt-5-nano", TokenUsage.newBuilder().setInputTokens(1)))
                        .addItems(item("neg", "openai", "gpt-5-nano", TokenUsage.newBuilder().setInputTokens(-1)))
                        .addItems(item("nomodel", "openai", "", TokenUsage.newBuilder()))
                        .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(error)).containsExactly("items[1].usage.input_tokens", "items[2].model");
    }

    @Test
    void rejectsMoreThanTenThousandItems() throws InvalidProtocolBufferException {
        PriceUsageRequest.Builder request = PriceUsageRequest.newBuilder();
        PriceItem one = item("x", "openai", "gpt-5-nano", TokenUsage.newBuilder().setInputTokens(1));
        for (int i = 0; i < 10_001; i++) {
            request.addItems(one);
        }
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> pricing.priceUsage(request.build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(error)).containsExactly("items");
    }

    @Test
    void answersAModelPriceAsDecimalStrings() {
        ModelPrice sonnet = pricing.getModelPrice(GetModelPriceRequest.newBuilder()
                .setProvider("anthropic").setModel("claude-sonnet-4-5").setAtTime(JUNE).build()).getPrice();

        assertThat(sonnet.getInputPerMillion()).isEqualTo("3");
        assertThat(sonnet.getCachedInputPerMillion()).isEqualTo("0.3");
        assertThat(sonnet.getCacheWrite5MPerMillion()).isEqualTo("3.75");
        assertThat(sonnet.getCacheWrite1HPerMillion()).isEqualTo("6");
        assertThat(sonnet.getOutputPerMillion()).isEqualTo("15");
        assertThat(sonnet.getWebSearchPerMillion()).isEqualTo("10000");
        assertThat(sonnet.getReasoningPerMillion()).isEmpty();
        assertThat(sonnet.getPriceId()).isEqualTo("anthropic/claude-sonnet-4-5@2025-01-01T00:00:00Z");
        assertThat(sonnet.getEffectiveTime().getSeconds()).isEqualTo(1_735_689_600L);
    }

    @Test
    void unknownModelPriceIsNotFound() throws InvalidProtocolBufferException {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> pricing.getModelPrice(GetModelPriceRequest.newBuilder()
                        .setProvider("openai").setModel("gpt-9").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        ErrorInfo info = StatusProto.fromThrowable(error).getDetailsList().stream()
                .filter(d -> d.is(ErrorInfo.class)).findFirst().orElseThrow().unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("MODEL_NOT_FOUND");
    }

    @Test
    void listsEveryModelPageByPage() {
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListModelsResponse page = pricing.listModels(ListModelsRequest.newBuilder()
                    .setPageSize(7).setPageToken(token).build());
            assertThat(page.getModelsCount()).isLessThanOrEqualTo(7);
            page.getModelsList().forEach(m -> seen.add(m.getProvider() + "/" + m.getModel()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 100);

        assertThat(seen).hasSize(43).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(7); // 43 models / 7 per page: six full pages and one of 1
        assertThat(seen).contains("google/gemini-pro", "mistral/codestral-latest", "xai/grok-4");

        ListModelsResponse mistral = pricing.listModels(ListModelsRequest.newBuilder().setProvider("Mistral").build());
        assertThat(mistral.getModelsList()).extracting(ModelPrice::getProvider).containsOnly("mistral");
        assertThat(mistral.getModelsCount()).isEqualTo(7);
        assertThat(mistral.getNextPageToken()).isEmpty();
    }

    @Test
    void rejectsAForeignPageToken() throws InvalidProtocolBufferException {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> pricing.listModels(ListModelsRequest.newBuilder().setPageToken("not-a-token!").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(error)).containsExactly("page_token");
    }

    @Test
    void comparesOneUsageAcrossModels() {
        CompareModelsResponse response = pricing.compareModels(CompareModelsRequest.newBuilder()
                .setUsage(TokenUsage.newBuilder().setInputTokens(1_000_000).setOutputTokens(100_000))
                .addCandidates(candidate("openai", "gpt-5-mini"))
                .addCandidates(candidate("openai", "gpt-5-nano"))
                .addCandidates(candidate("mistral", "codestral-latest"))
                .addCandidates(candidate("openai", "gpt-9"))
                .setAtTime(JUNE)
                .build());

        assertThat(response.getResultsList()).extracting(PricedItem::getItemId)
                .containsExactly("openai/gpt-5-mini", "openai/gpt-5-nano", "mistral/codestral-latest", "openai/gpt-9");
        // gpt-5-mini: 1M x 0.25/1M + 100k x 2.00/1M = 0.25 + 0.20 = 0.45 USD
        assertThat(response.getResults(0).getCostNanos()).isEqualTo(450_000_000L);
        // gpt-5-nano: 1M x 0.05/1M + 100k x 0.40/1M = 0.05 + 0.04 = 0.09 USD
        assertThat(response.getResults(1).getCostNanos()).isEqualTo(90_000_000L);
        // codestral: 1M x 1.00/1M + 100k x 3.00/1M = 1.00 + 0.30 = 1.30 USD
        assertThat(response.getResults(2).getCostNanos()).isEqualTo(1_300_000_000L);
        assertThat(response.getResults(3).getStatus()).isEqualTo(PricingStatus.PRICING_STATUS_UNPRICED);
    }

    @Test
    void compareNamesTheBadCandidate() throws InvalidProtocolBufferException {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> pricing.compareModels(CompareModelsRequest.newBuilder()
                        .setUsage(TokenUsage.newBuilder().setInputTokens(1))
                        .addCandidates(CandidateModel.newBuilder().setModel("gpt-5"))
                        .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(error)).containsExactly("candidates[0].provider");
    }

    static PriceItem item(String id, String provider, String model, TokenUsage.Builder usage) {
        return PriceItem.newBuilder().setItemId(id).setProvider(provider).setModel(model)
                .setOccurredTime(JUNE).setUsage(usage).build();
    }

    private static CandidateModel candidate(String provider, String model) {
        return CandidateModel.newBuilder().setProvider(provider).setModel(model).build();
    }

    private static List<String> fields(StatusRuntimeException error) throws InvalidProtocolBufferException {
        BadRequest badRequest = StatusProto.fromThrowable(error).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class);
        return badRequest.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField)
                .collect(Collectors.toList());
    }
}

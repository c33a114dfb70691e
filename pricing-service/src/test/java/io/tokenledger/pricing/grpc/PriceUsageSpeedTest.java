package io.tokenledger.pricing.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Server-side time of PriceUsage for a 1,000-item batch: validation, conversion and pricing, no transport. */
@QuarkusTest
class PriceUsageSpeedTest {

    private static final Logger LOG = Logger.getLogger(PriceUsageSpeedTest.class);
    private static final String[][] MODELS = {
        {"openai", "gpt-5-mini"}, {"openai", "gpt-5-nano"}, {"anthropic", "claude-sonnet-4-5-20250929"},
        {"anthropic", "claude-haiku-4-5"}, {"mistral", "codestral-latest"}, {"mistral", "devstral-small-2507"},
        {"google", "gemini-2.5-flash"}, {"openai", "gpt-9"},
    };

    @Inject
    @GrpcService
    PricingGrpcService service;

    @Test
    void pricesAThousandItemBatchWellUnderTenMilliseconds() {
        PriceUsageRequest.Builder builder = PriceUsageRequest.newBuilder();
        for (int i = 0; i < 1_000; i++) {
            String[] model = MODELS[i % MODELS.length];
            builder.addItems(PricingGrpcServiceTest.item("e" + i, model[0], model[1], TokenUsage.newBuilder()
                    .setInputTokens(1_000 + i).setCachedInputTokens(i).setOutputTokens(200 + i).setRequests(1)));
        }
        PriceUsageRequest request = builder.build();
        for (int warm = 0; warm < 1_000; warm++) {
            service.priceUsage(request).await().indefinitely();
        }
        long[] micros = new long[100];
        PriceUsageResponse response = null;
        for (int run = 0; run < micros.length; run++) {
            long start = System.nanoTime();
            response = service.priceUsage(request).await().indefinitely();
            micros[run] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        LOG.infof("PriceUsage of 1,000 items: median %d us, p90 %d us", micros[50], micros[90]);

        // 5 of 8 models price every item: gpt-9 is unknown, and the two Mistral models have no cached-input
        // price while these items carry cached tokens -> 625 priced, 375 unpriced.
        long priced = response.getItemsList().stream()
                .filter(i -> i.getStatus() == PricingStatus.PRICING_STATUS_PRICED).count();
        assertThat(priced).isEqualTo(625L);
        // Far below the 10 ms budget even on a busy build machine (typically about 1 ms).
        assertThat(micros[50]).isLessThan(5_000L);
    }
}

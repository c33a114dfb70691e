package io.tokenledger.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.ProviderApi;
import io.tokenledger.api.ingest.v1.ProviderUsage;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.ingest.fakes.Fakes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RecordUsage with provider-native usage: pricing receives the canonical classes (fake downstreams). */
@QuarkusTest
class ProviderUsageRecordingTest {

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Test
    void an_anthropic_block_and_an_openai_stream_reach_pricing_as_canonical_classes() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        RecordUsageResponse response = ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "anthropic-1", "anthropic", "claude-sonnet-4-5", ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES,
                        Fixtures.read("anthropic_messages_claude-sonnet-4-5_cache_write_read.json")))
                .addEvents(event(tenant, "openai-stream-1", "openai", "gpt-5-mini", ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS,
                        Fixtures.read("openai_chat_gpt-4o-mini_stream_include_usage.sse")))
                .build());

        List<PriceItem> priced = Fakes.pricedFor(tenant);
        assertThat(priced).extracting(PriceItem::getItemId).containsExactly("anthropic-1", "openai-stream-1");
        // Anthropic: input 3 EXCLUDES cache read 1,111 and 5-minute cache write 418; output 33.
        assertThat(priced.get(0).getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(3)
                .setCachedInputTokens(1_111).setCacheWrite5MTokens(418).setOutputTokens(33).build());
        // OpenAI stream: only the final include_usage chunk counts: prompt 78, completion 9.
        assertThat(priced.get(1).getUsage()).isEqualTo(TokenUsage.newBuilder().setInputTokens(78)
                .setOutputTokens(9).build());

        // The fake book prices gpt-5-mini at $1/1M in, $2/1M out: 78 x 1,000 + 9 x 2,000 = 96,000 nano-USD.
        EventResult stream = response.getResults(1);
        assertThat(stream.getPricingStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(stream.getCostNanos()).isEqualTo(96_000L);
    }

    private static UsageEvent event(String tenant, String id, String provider, String model, ProviderApi api,
            String usageJson) {
        Instant occurred = Instant.now().minusSeconds(60);
        return UsageEvent.newBuilder().setEventId(id).setTenantId(tenant)
                .setOccurredTime(Timestamp.newBuilder().setSeconds(occurred.getEpochSecond()))
                .setProvider(provider).setModel(model)
                .setProviderUsage(ProviderUsage.newBuilder().setApi(api).setUsageJson(usageJson))
                .putLabels("feature", "answers")
                .build();
    }
}

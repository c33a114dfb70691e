package io.tokenledger.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.pricing.v1.ServiceTier;
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

    @Test
    void the_reported_tier_and_cost_travel_to_pricing_and_the_ledger() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String responses = Fixtures.read("openai_responses_gpt-4o_tool_call.json");
        ingest.recordUsage(RecordUsageRequest.newBuilder()
                // The body says "service_tier": "default": standard.
                .addEvents(event(tenant, "default-1", "openai", "gpt-4o", ProviderApi.PROVIDER_API_OPENAI_RESPONSES,
                        responses))
                // The same body billed on flex.
                .addEvents(event(tenant, "flex-1", "openai", "gpt-4o", ProviderApi.PROVIDER_API_OPENAI_RESPONSES,
                        responses.replace("\"service_tier\": \"default\"", "\"service_tier\": \"flex\"")))
                // Anthropic's usage.service_tier "standard", but the event itself says BATCH: the event wins.
                .addEvents(event(tenant, "batch-1", "anthropic", "claude-sonnet-4-5",
                        ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES,
                        Fixtures.read("anthropic_messages_claude-sonnet-4-5_cache_write_read.json")).toBuilder()
                        .setServiceTier(ServiceTier.SERVICE_TIER_BATCH).build())
                // An OpenAI Batch API output line is batch whatever its body says.
                .addEvents(event(tenant, "batch-line-1", "openai", "gpt-4o", ProviderApi.PROVIDER_API_OPENAI_RESPONSES,
                        "{\"id\":\"batch_req_1\",\"custom_id\":\"r1\",\"response\":{\"status_code\":200,\"body\":"
                                + responses + "}}"))
                // OpenRouter's body carries "cost": 0.001038.
                .addEvents(event(tenant, "openrouter-1", "openrouter", "anthropic/claude-sonnet-4.6",
                        ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE,
                        Fixtures.read("openrouter_chat_claude-sonnet_with_cost.json")))
                // Canonical usage with the event's own reported cost of more than nine decimals.
                .addEvents(UsageEvent.newBuilder().setEventId("canonical-1").setTenantId(tenant)
                        .setOccurredTime(Timestamp.newBuilder().setSeconds(Instant.now().minusSeconds(60).getEpochSecond()))
                        .setProvider("openai").setModel("gpt-5-mini")
                        .setUsage(TokenUsage.newBuilder().setInputTokens(10))
                        .setServiceTier(ServiceTier.SERVICE_TIER_PRIORITY)
                        .setReportedCost("0.0000100005"))
                .build());

        assertThat(Fakes.pricedFor(tenant)).extracting(PriceItem::getItemId, PriceItem::getServiceTier).containsExactly(
                tuple("default-1", ServiceTier.SERVICE_TIER_STANDARD),
                tuple("flex-1", ServiceTier.SERVICE_TIER_FLEX),
                tuple("batch-1", ServiceTier.SERVICE_TIER_BATCH),
                tuple("batch-line-1", ServiceTier.SERVICE_TIER_BATCH),
                tuple("openrouter-1", ServiceTier.SERVICE_TIER_UNSPECIFIED),
                tuple("canonical-1", ServiceTier.SERVICE_TIER_PRIORITY));
        List<CostRecord> recorded = Fakes.recordedFor(tenant);
        assertThat(recorded).extracting(CostRecord::getEventId, CostRecord::getHasReportedCost,
                CostRecord::getReportedCostNanos, CostRecord::getServiceTier).containsExactly(
                tuple("default-1", false, 0L, ServiceTier.SERVICE_TIER_STANDARD),
                tuple("flex-1", false, 0L, ServiceTier.SERVICE_TIER_FLEX),
                tuple("batch-1", false, 0L, ServiceTier.SERVICE_TIER_BATCH),
                tuple("batch-line-1", false, 0L, ServiceTier.SERVICE_TIER_BATCH),
                // $0.001038 = 1,038,000 nano-USD exactly.
                tuple("openrouter-1", true, 1_038_000L, ServiceTier.SERVICE_TIER_UNSPECIFIED),
                // $0.0000100005 = 10,000.5 nano-USD, rounded half-even to 10,000.
                tuple("canonical-1", true, 10_000L, ServiceTier.SERVICE_TIER_PRIORITY));
    }

    @Test
    void an_unknown_service_tier_number_is_rejected_naming_the_field() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        UsageEvent event = event(tenant, "x-1", "openai", "gpt-4o", ProviderApi.PROVIDER_API_OPENAI_RESPONSES,
                Fixtures.read("openai_responses_gpt-4o_tool_call.json")).toBuilder().setServiceTierValue(99).build();
        assertThatThrownBy(() -> ingest.recordUsage(RecordUsageRequest.newBuilder().addEvents(event).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(io.grpc.protobuf.StatusProto.fromThrowable(e).getDetailsList().toString())
                            .contains("events[0].service_tier");
                });
        assertThat(Fakes.pricedFor(tenant)).isEmpty();
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

package io.tokenledger.ingest.grpc;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import java.time.Instant;
import java.util.UUID;

/** Usage events for the component tests; every test uses its own tenant so tests never see each other. */
final class Events {

    private Events() {
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static UsageEvent.Builder event(String tenant, String eventId, String model, long input, long output) {
        Instant occurred = Instant.now().minusSeconds(60);
        return UsageEvent.newBuilder()
                .setEventId(eventId)
                .setTenantId(tenant)
                .setOccurredTime(Timestamp.newBuilder().setSeconds(occurred.getEpochSecond()))
                .setProvider("openai")
                .setModel(model)
                .setUsage(TokenUsage.newBuilder().setInputTokens(input).setOutputTokens(output))
                .putLabels("team", "search")
                .putLabels("feature", "answers")
                .putLabels("customer", "globex")
                .putLabels("ticket", "T-1")
                .setTraceId("trace-" + eventId);
    }
}

package io.tokenledger.cli.command;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.cli.scenario.FeatureSpec;
import io.tokenledger.cli.scenario.PlannedEvent;
import io.tokenledger.cli.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns planned trace rows into the API's usage events. */
public final class UsageEvents {

    private UsageEvents() {
    }

    /** The events with their conversation's trace id (see {@link Conversations}). */
    public static List<UsageEvent> toProto(Scenario scenario, List<PlannedEvent> events) {
        List<String> traceIds = Conversations.traceIds(events);
        List<UsageEvent> protos = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            protos.add(toProto(scenario, events.get(i)).toBuilder().setTraceId(traceIds.get(i)).build());
        }
        return protos;
    }

    public static UsageEvent toProto(Scenario scenario, PlannedEvent event) {
        FeatureSpec feature = event.feature();
        return UsageEvent.newBuilder()
                .setEventId(event.eventId())
                .setTenantId(scenario.tenant())
                .setOccurredTime(timestamp(event.occurredTime()))
                .setProvider(feature.model().provider())
                .setModel(feature.model().model())
                .setUsage(TokenUsage.newBuilder()
                        .setInputTokens(event.row().inputTokens())
                        .setCachedInputTokens(event.row().cachedInputTokens())
                        .setOutputTokens(event.row().outputTokens())
                        .setRequests(1))
                .putAllLabels(feature.tags())
                .putLabels("team", feature.team())
                .putLabels("feature", feature.name())
                .putLabels("customer", event.customer())
                .putLabels("environment", scenario.environment())
                .setPromptPrefixHash(event.row().promptPrefixHash())
                .setPromptPrefixTokens(event.row().promptPrefixTokens())
                .build();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}

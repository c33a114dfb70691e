package io.tokenledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.api.attribution.v1.Outcome;
import io.tokenledger.cli.scenario.CustomerSpec;
import io.tokenledger.cli.scenario.FeatureSpec;
import io.tokenledger.cli.scenario.OutcomeSpec;
import io.tokenledger.cli.scenario.PlannedEvent;
import io.tokenledger.cli.scenario.Scenario;
import io.tokenledger.cli.scenario.TimeSpec;
import io.tokenledger.cli.trace.TraceFormat;
import io.tokenledger.cli.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    private static final FeatureSpec.ModelRef MODEL = new FeatureSpec.ModelRef("openai", "gpt-5-mini");
    private static final FeatureSpec CHAT = new FeatureSpec("chat", "cs",
            new FeatureSpec.TraceSpec(TraceFormat.AZURE_CSV, "c.csv"), MODEL, null, Map.of(),
            new OutcomeSpec("ticket_resolved", 2, 1.0));
    private static final FeatureSpec CODE = new FeatureSpec("code", "dev",
            new FeatureSpec.TraceSpec(TraceFormat.AZURE_CSV, "d.csv"), MODEL, null, Map.of());

    private static PlannedEvent event(FeatureSpec feature, int index, String customer) {
        return new PlannedEvent(feature.name() + "-" + index, feature,
                new TraceRow(index, Duration.ofSeconds(index), 100, 0, 10),
                Instant.parse("2026-12-02T09:00:00Z").plusSeconds(index), customer);
    }

    @Test
    void consecutiveRequestsOfACustomerShareATraceAndResolvedConversationsBecomeOutcomes() {
        List<PlannedEvent> events = List.of(event(CHAT, 0, "c1"), event(CHAT, 1, "c2"), event(CODE, 0, "c1"),
                event(CHAT, 2, "c1"), event(CHAT, 3, "c1"));
        assertThat(Conversations.traceIds(events)).containsExactly("chat/c1/conv-0", "chat/c2/conv-0", "",
                "chat/c1/conv-0", "chat/c1/conv-1");

        Scenario scenario = new Scenario("acme", "prod", 7, new CustomerSpec(2, "c", 1.0), new TimeSpec("09:00", 1),
                List.of(CHAT, CODE), List.of());
        // share 1.0: every conversation resolves, 10 minutes after its last request.
        List<Outcome> outcomes = Conversations.outcomes(scenario, events);
        assertThat(outcomes).extracting(Outcome::getOutcomeId).containsExactly(
                "ticket_resolved:chat/c1/conv-0", "ticket_resolved:chat/c2/conv-0", "ticket_resolved:chat/c1/conv-1");
        assertThat(outcomes.get(0).getTraceIdsList()).containsExactly("chat/c1/conv-0");
        assertThat(UsageEvents.instant(outcomes.get(0).getOccurredTime()))
                .isEqualTo(Instant.parse("2026-12-02T09:00:02Z").plusSeconds(600));
    }
}

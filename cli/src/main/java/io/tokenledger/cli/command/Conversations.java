package io.tokenledger.cli.command;

import io.tokenledger.api.attribution.v1.Outcome;
import io.tokenledger.cli.scenario.OutcomeSpec;
import io.tokenledger.cli.scenario.PlannedEvent;
import io.tokenledger.cli.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Groups a feature's requests into conversations (each customer's consecutive requests, {@code
 * requests_per_conversation} at a time; trace id {@code <feature>/<customer>/conv-<n>}) and decides, seeded, which
 * conversations end in an outcome. Features without {@code outcomes} get no trace id.
 */
public final class Conversations {

    /** How long after a conversation's last request its outcome is recorded. */
    static final long OUTCOME_DELAY_SECONDS = 600;

    private Conversations() {
    }

    /** The trace id of every event, in the same order ("" for features without outcomes). */
    public static List<String> traceIds(List<PlannedEvent> events) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> ids = new ArrayList<>(events.size());
        for (PlannedEvent event : events) {
            OutcomeSpec spec = event.feature().outcomes();
            if (spec == null) {
                ids.add("");
                continue;
            }
            String prefix = event.feature().name() + "/" + event.customer();
            int index = seen.merge(prefix, 1, Integer::sum) - 1;
            ids.add(prefix + "/conv-" + (index / spec.requestsPerConversation()));
        }
        return ids;
    }

    /** The outcomes of the conversations that succeed: a seeded share, in order of each conversation's start. */
    public static List<Outcome> outcomes(Scenario scenario, List<PlannedEvent> events) {
        List<String> ids = traceIds(events);
        Map<String, PlannedEvent> last = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!ids.get(i).isEmpty()) {
                last.put(ids.get(i), events.get(i));
            }
        }
        Random random = new Random(scenario.seed());
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, PlannedEvent> conversation : last.entrySet()) {
            PlannedEvent event = conversation.getValue();
            OutcomeSpec spec = event.feature().outcomes();
            if (random.nextDouble() < spec.share()) {
                Instant at = event.occurredTime().plusSeconds(OUTCOME_DELAY_SECONDS);
                outcomes.add(Outcome.newBuilder().setOutcomeId(spec.type() + ":" + conversation.getKey())
                        .setTenantId(scenario.tenant()).setType(spec.type())
                        .setOccurredTime(UsageEvents.timestamp(at))
                        .putDimensions("feature", event.feature().name())
                        .putDimensions("customer", event.customer())
                        .addTraceIds(conversation.getKey()).build());
            }
        }
        return outcomes;
    }
}

package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A business outcome (e.g. {@code ticket_resolved}) and the traces whose calls produced it. {@code occurredAt} is
 * null when the caller sent no time ({@link #validate} rejects that); {@code valueNanos} is empty when unknown.
 */
public record Outcome(String outcomeId, String tenantId, String type, Instant occurredAt,
                      Map<String, String> dimensions, Optional<Long> valueNanos, List<String> traceIds) {

    /** The most outcomes one call may record. */
    public static final int MAX_BATCH = 10_000;
    private static final int MAX_ID = 256;

    public Outcome {
        dimensions = Map.copyOf(dimensions);
        traceIds = List.copyOf(traceIds);
    }

    public LedgerKey key() {
        return new LedgerKey(tenantId, outcomeId);
    }

    /** Rejects the whole batch with one violation per problem ({@code outcomes[2].type}, ...). */
    public static void validate(List<Outcome> outcomes) {
        Violations violations = new Violations();
        violations.check(outcomes.size() <= MAX_BATCH, "outcomes", "at most " + MAX_BATCH + " per call");
        for (int i = 0; i < outcomes.size() && i < MAX_BATCH; i++) {
            Outcome outcome = outcomes.get(i);
            String path = "outcomes[" + i + "].";
            id(violations, path + "outcome_id", outcome.outcomeId());
            id(violations, path + "tenant_id", outcome.tenantId());
            id(violations, path + "type", outcome.type());
            violations.check(outcome.occurredAt() != null, path + "occurred_time", "is required");
            violations.check(outcome.valueNanos().map(v -> v >= 0).orElse(true), path + "value",
                    "must not be negative");
            Set<String> seen = new HashSet<>();
            for (int t = 0; t < outcome.traceIds().size(); t++) {
                String trace = outcome.traceIds().get(t);
                id(violations, path + "trace_ids[" + t + "]", trace);
                violations.check(seen.add(trace), path + "trace_ids[" + t + "]", "is repeated");
            }
            outcome.dimensions().forEach((key, value) -> violations.check(
                    !key.isBlank() && key.indexOf('\0') < 0 && value.indexOf('\0') < 0,
                    path + "dimensions[" + key + "]", "must be a non-blank key without NUL characters"));
        }
        violations.throwIfAny();
    }

    private static void id(Violations violations, String path, String value) {
        if (value.isBlank()) {
            violations.add(path, "is required");
        } else if (value.length() > MAX_ID) {
            violations.add(path, "must be at most " + MAX_ID + " characters");
        } else if (value.indexOf('\0') >= 0) {
            violations.add(path, "must not contain NUL characters");
        }
    }
}

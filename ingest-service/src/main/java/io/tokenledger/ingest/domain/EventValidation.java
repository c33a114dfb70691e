package io.tokenledger.ingest.domain;

import io.tokenledger.platform.error.Violations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules a batch of usage events must satisfy. Every problem of every event is collected, so a client
 * learns all of them at once; one bad event rejects the whole batch.
 */
public final class EventValidation {

    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9_.:/-]+");
    /** Usage classes that are not tokens: an event must have tokens in some class unless it counts requests. */
    private static final List<String> NOT_TOKEN_CLASSES = List.of("training_epochs", "requests", "web_search_queries");

    private final IngestLimits limits;

    public EventValidation(IngestLimits limits) {
        this.limits = limits;
    }

    /** Throws {@link io.tokenledger.platform.error.TokenLedgerException.Invalid} listing every violation. */
    public void validate(List<UsageEvent> events, Instant now) {
        Violations violations = new Violations();
        violations.check(!events.isEmpty() && events.size() <= limits.maxEventsPerBatch(), "events",
                "must contain 1.." + limits.maxEventsPerBatch() + " events, got " + events.size());
        for (int i = 0; i < events.size(); i++) {
            check(events.get(i), "events[" + i + "]", now, violations);
        }
        violations.throwIfAny();
    }

    private void check(UsageEvent event, String path, Instant now, Violations violations) {
        String eventId = event.eventId();
        violations.check(!eventId.isEmpty() && eventId.length() <= limits.maxEventIdLength()
                        && eventId.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), path + ".event_id",
                "must be 1.." + limits.maxEventIdLength() + " printable ASCII characters");
        String tenantId = event.tenantId();
        violations.check(tenantId.length() <= limits.maxTenantIdLength() && TENANT_ID.matcher(tenantId).matches(),
                path + ".tenant_id", "must be 1.." + limits.maxTenantIdLength() + " characters of [A-Za-z0-9._-]");
        checkOccurredTime(event, path + ".occurred_time", now, violations);
        checkName(event.provider(), path + ".provider", violations);
        checkName(event.model(), path + ".model", violations);
        checkUsage(event.usage(), path + ".usage", violations);
        checkLabels(event.labels(), path + ".labels", violations);
        violations.check(length(event.traceId()) <= limits.maxTraceIdLength(), path + ".trace_id",
                "must be at most " + limits.maxTraceIdLength() + " characters");
    }

    private void checkOccurredTime(UsageEvent event, String field, Instant now, Violations violations) {
        if (event.occurredTime().isEmpty()) {
            violations.add(field, "is required");
            return;
        }
        Instant occurred = event.occurredTime().get();
        violations.check(!occurred.isAfter(now.plus(limits.maxFutureSkew())), field,
                "must not be more than " + limits.maxFutureSkew().toSeconds() + " s in the future");
        violations.check(!occurred.isBefore(limits.earliestOccurredTime()), field,
                "must not be before " + limits.earliestOccurredTime());
    }

    private void checkName(String value, String field, Violations violations) {
        if (value.isEmpty()) {
            violations.add(field, "is required");
        } else {
            violations.check(length(value) <= limits.maxNameLength(), field,
                    "must be at most " + limits.maxNameLength() + " characters");
        }
    }

    private void checkUsage(Map<String, Long> usage, String path, Violations violations) {
        boolean anyTokens = false;
        for (Map.Entry<String, Long> count : usage.entrySet()) {
            long value = count.getValue();
            violations.check(value >= 0, path + "." + count.getKey(), "must be >= 0");
            violations.check(value <= limits.maxUsageValue(), path + "." + count.getKey(),
                    "must be <= " + limits.maxUsageValue());
            anyTokens |= value > 0 && !NOT_TOKEN_CLASSES.contains(count.getKey());
        }
        violations.check(anyTokens || usage.getOrDefault("requests", 0L) > 0, path,
                "must have at least one token class > 0, or requests > 0");
    }

    private void checkLabels(Map<String, String> labels, String path, Violations violations) {
        violations.check(labels.size() <= limits.maxLabels(), path,
                "must have at most " + limits.maxLabels() + " labels, got " + labels.size());
        // Sorted, so that the violations come in a stable order.
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            String key = label.getKey();
            String field = path + "[" + key + "]";
            violations.check(key.length() <= limits.maxLabelKeyLength() && LABEL_KEY.matcher(key).matches(), field,
                    "key must be 1.." + limits.maxLabelKeyLength() + " characters of [a-z0-9_.:/-]");
            violations.check(length(label.getValue()) <= limits.maxLabelValueLength(), field,
                    "value must be at most " + limits.maxLabelValueLength() + " characters");
        }
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}

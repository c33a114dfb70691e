package io.tokenledger.ingest.domain;

import io.tokenledger.platform.error.Violations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules a batch of usage events must satisfy. Every problem of every event is collected, so a client
 * learns all of them at once; one bad event rejects the whole batch.
 */
public final class EventValidation {

    /** Usage classes that are not tokens: an event must have tokens in some class unless it counts requests. */
    private static final List<String> NOT_TOKEN_CLASSES = List.of("training_epochs", "requests", "web_search_queries");

    private final IngestLimits limits;

    public EventValidation(IngestLimits limits) {
        this.limits = limits;
    }

    /** Throws {@link io.tokenledger.platform.error.TokenLedgerException.Invalid} listing every violation. */
    public void validate(List<UsageEvent> events, Instant now) {
        Violations violations = new Violations();
        if (events.isEmpty() || events.size() > limits.maxEventsPerBatch()) {
            violations.add("events", "must contain 1.." + limits.maxEventsPerBatch() + " events, got " + events.size());
        }
        for (int i = 0; i < events.size(); i++) {
            check(events.get(i), "events[" + i + "]", now, violations);
        }
        violations.throwIfAny();
    }

    // Field paths and messages are built only for a violation: a valid event costs no string work.
    private void check(UsageEvent event, String path, Instant now, Violations violations) {
        String eventId = event.eventId();
        if (eventId.isEmpty() || eventId.length() > limits.maxEventIdLength() || !printableAscii(eventId)) {
            violations.add(path + ".event_id", "must be 1.." + limits.maxEventIdLength() + " printable ASCII characters");
        }
        String tenantId = event.tenantId();
        if (tenantId.isEmpty() || tenantId.length() > limits.maxTenantIdLength() || !tenantChars(tenantId)) {
            violations.add(path + ".tenant_id",
                    "must be 1.." + limits.maxTenantIdLength() + " characters of [A-Za-z0-9._-]");
        }
        if (event.correction().isCorrection() && !CorrectionRules.check(event, path, limits, violations)) {
            return; // a VOID carries nothing else
        }
        checkOccurredTime(event, path, now, violations);
        checkName(event.provider(), path, ".provider", violations);
        checkName(event.model(), path, ".model", violations);
        checkUsage(event.usage(), path, violations);
        checkLabels(event.labels(), path, violations);
        if (length(event.traceId()) > limits.maxTraceIdLength()) {
            violations.add(path + ".trace_id", "must be at most " + limits.maxTraceIdLength() + " characters");
        }
        if (!event.promptPrefixHash().isEmpty() || event.promptPrefixTokens() != 0) {
            PromptPrefix.check(event, path, violations);
        }
        if (!event.reportedCost().isEmpty() && !ReportedCost.isValid(event.reportedCost())) {
            violations.add(path + ".reported_cost", "must be a plain decimal of USD from 0 to "
                    + ReportedCost.MAX_USD.toPlainString() + ", e.g. \"0.001038\"");
        }
    }

    private void checkOccurredTime(UsageEvent event, String path, Instant now, Violations violations) {
        if (event.occurredTime().isEmpty()) {
            violations.add(path + ".occurred_time", "is required");
            return;
        }
        Instant occurred = event.occurredTime().get();
        if (occurred.isAfter(now.plus(limits.maxFutureSkew()))) {
            violations.add(path + ".occurred_time",
                    "must not be more than " + limits.maxFutureSkew().toSeconds() + " s in the future");
        }
        if (occurred.isBefore(limits.earliestOccurredTime())) {
            violations.add(path + ".occurred_time", "must not be before " + limits.earliestOccurredTime());
        }
    }

    private void checkName(String value, String path, String field, Violations violations) {
        if (value.isEmpty()) {
            violations.add(path + field, "is required");
        } else if (length(value) > limits.maxNameLength()) {
            violations.add(path + field, "must be at most " + limits.maxNameLength() + " characters");
        }
    }

    private void checkUsage(Map<String, Long> usage, String path, Violations violations) {
        boolean anyTokens = false;
        for (Map.Entry<String, Long> count : usage.entrySet()) {
            long value = count.getValue();
            if (value < 0) {
                violations.add(path + ".usage." + count.getKey(), "must be >= 0");
            }
            if (value > limits.maxUsageValue()) {
                violations.add(path + ".usage." + count.getKey(), "must be <= " + limits.maxUsageValue());
            }
            anyTokens |= value > 0 && !NOT_TOKEN_CLASSES.contains(count.getKey());
        }
        if (!anyTokens && usage.getOrDefault("requests", 0L) <= 0) {
            violations.add(path + ".usage", "must have at least one token class > 0, or requests > 0");
        }
    }

    private void checkLabels(Map<String, String> labels, String path, Violations violations) {
        if (labels.size() > limits.maxLabels()) {
            violations.add(path + ".labels", "must have at most " + limits.maxLabels() + " labels, got " + labels.size());
        }
        boolean allValid = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            allValid &= validKey(label.getKey()) && length(label.getValue()) <= limits.maxLabelValueLength();
        }
        if (allValid) {
            return;
        }
        // Sorted, so that the violations come in a stable order.
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            String field = path + ".labels[" + shortened(label.getKey()) + "]";
            if (!validKey(label.getKey())) {
                violations.add(field, "key must be 1.." + limits.maxLabelKeyLength() + " characters of [a-z0-9_.:/-]");
            }
            if (length(label.getValue()) > limits.maxLabelValueLength()) {
                violations.add(field, "value must be at most " + limits.maxLabelValueLength() + " characters");
            }
        }
    }

    /** A key as its field path shows it: an overlong one cut after the limit, so that the answer stays small. */
    private String shortened(String key) {
        int max = limits.maxLabelKeyLength();
        return key.length() <= max ? key : key.substring(0, max) + "...";
    }

    private boolean validKey(String key) {
        if (key.isEmpty() || key.length() > limits.maxLabelKeyLength()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':' || c == '/'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean tenantChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}

package io.tokenledger.attribution.domain;

import java.util.List;
import java.util.Map;

/**
 * One condition of an attribution rule, on the raw event (before attribution). A subject the event does not
 * have (no such label, empty model) never matches, so a rule never fires on missing data by accident.
 */
public record RuleCondition(Subject subject, String labelKey, Operator operator, List<String> values) {

    /** The label that holds the API key (an id or name of the key; the secret never reaches TokenLedger). */
    public static final String API_KEY_LABEL = "api_key";
    /** The label that holds the calling service (the OpenTelemetry resource attribute). */
    public static final String SERVICE_NAME_LABEL = "service.name";

    public enum Subject { UNSPECIFIED, LABEL, MODEL, PROVIDER, API_KEY, SERVICE_NAME }

    public enum Operator { UNSPECIFIED, EQUALS, HAS_PREFIX, IN_SET, PRESENT }

    public RuleCondition {
        values = List.copyOf(values);
    }

    /** The value this condition looks at, or null when the event has none. */
    String subjectOf(String provider, String model, Map<String, String> labels) {
        String value = switch (subject) {
            case LABEL -> labels.get(labelKey);
            case MODEL -> model;
            case PROVIDER -> provider;
            case API_KEY -> labels.get(API_KEY_LABEL);
            case SERVICE_NAME -> labels.get(SERVICE_NAME_LABEL);
            case UNSPECIFIED -> null;
        };
        return value == null || value.isEmpty() ? null : value;
    }
}

package io.tokenledger.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenledger.platform.error.Violations;

/**
 * Reads counts from a provider's usage object, naming every problem by its JSON path under {@code path}
 * (e.g. {@code events[2].provider_usage.usage_json.prompt_tokens_details.cached_tokens}). A missing or null
 * count is 0; a count must be a whole number >= 0.
 */
final class UsageBlock {

    private final JsonNode usage;
    private final String path;
    private final Violations violations;

    UsageBlock(JsonNode usage, String path, Violations violations) {
        this.usage = usage;
        this.path = path;
        this.violations = violations;
    }

    /** The count at a dotted path relative to the usage object, e.g. {@code "prompt_tokens_details.cached_tokens"}. */
    long count(String field) {
        JsonNode node = node(field);
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            violations.add(field(field), "must be a whole number of tokens");
            return 0;
        }
        long value = node.asLong();
        if (value < 0) {
            violations.add(field(field), "must be >= 0");
            return 0;
        }
        return value;
    }

    boolean has(String field) {
        JsonNode node = node(field);
        return !node.isMissingNode() && !node.isNull();
    }

    JsonNode node(String field) {
        JsonNode node = usage;
        for (String part : field.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                node = node.path(part);
            } else {
                // "name[3]": element 3 of the array "name".
                node = node.path(part.substring(0, bracket))
                        .path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return node;
    }

    /** Records a violation of {@code part} when it exceeds {@code whole}: a subset never exceeds its total. */
    void checkPart(long part, String partField, long whole, String wholeField) {
        violations.check(part <= whole, field(partField),
                "must not exceed " + wholeField + " (" + part + " > " + whole + ")");
    }

    void violation(String field, String description) {
        violations.add(field(field), description);
    }

    String field(String field) {
        return path + "." + field;
    }
}

package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The validation of a rule set, with the API's field paths ({@code rules[2].conditions[0].label_key}). */
public final class RuleValidation {

    public static final int MAX_RULES = 1_000;
    public static final int MAX_CONDITIONS = 50;
    public static final int MAX_VALUES = 1_000;
    public static final int MAX_ASSIGNMENTS = 20;
    /** Ids, label keys, dimension names and values. */
    public static final int MAX_TEXT = 256;
    public static final int MAX_DESCRIPTION = 1_000;

    private RuleValidation() {
    }

    /** Throws {@code TokenLedgerException.Invalid} naming every problem; nothing is stored or run then. */
    public static void validate(String tenantId, List<AttributionRule> rules) {
        Violations violations = new Violations();
        checkText(tenantId, "tenant_id", true, MAX_TEXT, violations);
        check(rules, violations);
        violations.throwIfAny();
    }

    /** Adds a problem of the request's tenant_id to {@code violations}. */
    public static void checkTenant(String tenantId, Violations violations) {
        checkText(tenantId, "tenant_id", true, MAX_TEXT, violations);
    }

    /** Adds the problems of a rule list to {@code violations}. */
    public static void check(List<AttributionRule> rules, Violations violations) {
        if (rules.size() > MAX_RULES) {
            violations.add("rules", "at most " + MAX_RULES + " rules");
        }
        Map<Integer, Integer> priorities = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            AttributionRule rule = rules.get(i);
            String path = "rules[" + i + "]";
            if (checkText(rule.ruleId(), path + ".rule_id", true, MAX_TEXT, violations) && !ids.add(rule.ruleId())) {
                violations.add(path + ".rule_id", "duplicates another rule's id");
            }
            Integer first = priorities.putIfAbsent(rule.priority(), i);
            if (first != null) {
                violations.add(path + ".priority", "equals the priority of rules[" + first
                        + "]; precedence must be explicit");
            }
            checkText(rule.description(), path + ".description", false, MAX_DESCRIPTION, violations);
            if (rule.conditions().size() > MAX_CONDITIONS) {
                violations.add(path + ".conditions", "at most " + MAX_CONDITIONS + " conditions");
            }
            for (int j = 0; j < rule.conditions().size(); j++) {
                checkCondition(rule.conditions().get(j), path + ".conditions[" + j + "]", violations);
            }
            if (rule.assign().isEmpty()) {
                violations.add(path + ".assign", "must assign at least one dimension");
            } else if (rule.assign().size() > MAX_ASSIGNMENTS) {
                violations.add(path + ".assign", "at most " + MAX_ASSIGNMENTS + " dimensions");
            }
            rule.assign().forEach((dimension, value) -> {
                if (checkText(dimension, path + ".assign", true, MAX_TEXT, violations)) {
                    checkText(value, path + ".assign[" + dimension + "]", true, MAX_TEXT, violations);
                }
            });
        }
    }

    private static void checkCondition(RuleCondition condition, String path, Violations violations) {
        if (condition.subject() == RuleCondition.Subject.UNSPECIFIED) {
            violations.add(path + ".subject", "is required");
        }
        if (condition.subject() == RuleCondition.Subject.LABEL) {
            checkText(condition.labelKey(), path + ".label_key", true, MAX_TEXT, violations);
        } else if (!condition.labelKey().isEmpty()) {
            violations.add(path + ".label_key", "is allowed only for RULE_SUBJECT_LABEL");
        }
        int count = condition.values().size();
        switch (condition.operator()) {
            case UNSPECIFIED -> violations.add(path + ".operator", "is required");
            case EQUALS, HAS_PREFIX -> {
                if (count != 1) {
                    violations.add(path + ".values", "must hold exactly one value");
                }
            }
            case IN_SET -> {
                if (count == 0 || count > MAX_VALUES) {
                    violations.add(path + ".values", "must hold 1 to " + MAX_VALUES + " values");
                }
            }
            case PRESENT -> {
                if (count != 0) {
                    violations.add(path + ".values", "must be empty for RULE_OPERATOR_PRESENT");
                }
            }
        }
        if (count <= MAX_VALUES) {
            for (int k = 0; k < count; k++) {
                checkText(condition.values().get(k), path + ".values[" + k + "]", true, MAX_TEXT, violations);
            }
        }
    }

    /** True when the text is acceptable. */
    static boolean checkText(String text, String field, boolean required, int maxLength, Violations violations) {
        if (text.indexOf('\0') >= 0) {
            violations.add(field, "must not contain the NUL character");
            return false;
        }
        if (required && text.isBlank()) {
            violations.add(field, "is required");
            return false;
        }
        if (text.length() > maxLength) {
            violations.add(field, "must be at most " + maxLength + " characters");
            return false;
        }
        return true;
    }
}

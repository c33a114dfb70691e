package io.tokenledger.attribution.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's rule set compiled once into an immutable snapshot, applied to every event RecordCosts attributes.
 *
 * <p>Precedence, per dimension: the first matching rule by priority (lowest number first) that assigns the
 * dimension sets it, except that a rule without {@code override} is skipped when the event carries its own
 * non-blank label for that dimension; with no such rule the label sets it; with neither it is
 * {@link Dimensions#UNATTRIBUTED} (tags: absent). So an explicit label wins unless an override rule says otherwise.
 */
public final class CompiledRules {

    private final long version;
    private final List<Compiled> rules;

    private CompiledRules(long version, List<Compiled> rules) {
        this.version = version;
        this.rules = rules;
    }

    public static CompiledRules compile(RuleSetVersion ruleSet) {
        return new CompiledRules(ruleSet.version(), ruleSet.rules().stream().map(Compiled::new).toList());
    }

    public long version() {
        return version;
    }

    /** The event's dimensions under these rules (with no rule, exactly {@link Attribution#attribute}). */
    public Dimensions attribute(String tenantId, String provider, String model, Map<String, String> labels) {
        Dimensions fromLabels = Attribution.attribute(tenantId, labels);
        if (rules.isEmpty()) {
            return fromLabels;
        }
        Map<String, String> decided = null;
        for (Compiled rule : rules) {
            if (!rule.matches(provider, model, labels)) {
                continue;
            }
            for (Map.Entry<String, String> assignment : rule.assign.entrySet()) {
                String dimension = assignment.getKey();
                if ((decided != null && decided.containsKey(dimension))
                        || (!rule.override && hasLabel(labels, dimension))) {
                    continue;
                }
                if (decided == null) {
                    decided = new HashMap<>();
                }
                decided.put(dimension, assignment.getValue());
            }
        }
        if (decided == null) {
            return fromLabels;
        }
        Map<String, String> tags = new HashMap<>(fromLabels.tags());
        decided.forEach((dimension, value) -> {
            if (!Attribution.WELL_KNOWN_KEYS.contains(dimension)) {
                tags.put(dimension, value);
            }
        });
        return new Dimensions(tenantId,
                decided.getOrDefault("team", fromLabels.team()),
                decided.getOrDefault("feature", fromLabels.feature()),
                decided.getOrDefault("customer", fromLabels.customer()),
                decided.getOrDefault("user", fromLabels.user()),
                decided.getOrDefault("environment", fromLabels.environment()),
                tags);
    }

    private static boolean hasLabel(Map<String, String> labels, String key) {
        String value = labels.get(key);
        return value != null && !value.isBlank();
    }

    /** A rule with its IN_SET values hashed once. */
    private static final class Compiled {
        private final Map<String, String> assign;
        private final boolean override;
        private final List<RuleCondition> conditions;
        private final List<Set<String>> sets;

        Compiled(AttributionRule rule) {
            this.assign = rule.assign();
            this.override = rule.override();
            this.conditions = rule.conditions();
            this.sets = rule.conditions().stream().map(c -> (Set<String>) new HashSet<>(c.values())).toList();
        }

        boolean matches(String provider, String model, Map<String, String> labels) {
            for (int i = 0; i < conditions.size(); i++) {
                RuleCondition condition = conditions.get(i);
                String subject = condition.subjectOf(provider, model, labels);
                if (subject == null) {
                    return false;
                }
                boolean holds = switch (condition.operator()) {
                    case EQUALS -> subject.equals(condition.values().get(0));
                    case HAS_PREFIX -> subject.startsWith(condition.values().get(0));
                    case IN_SET -> sets.get(i).contains(subject);
                    case PRESENT -> !subject.isBlank();
                    case UNSPECIFIED -> false;
                };
                if (!holds) {
                    return false;
                }
            }
            return true;
        }
    }
}

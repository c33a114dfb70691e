package io.tokenledger.attribution.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An attribution rule: when every condition holds, it assigns the dimensions in {@code assign}. Names other than
 * the well-known dimensions (team, feature, customer, user, environment) are stored as tags of that key, e.g.
 * {@code cost_center}. {@code override} lets the rule win over the event's own label for a dimension.
 */
public record AttributionRule(String ruleId, int priority, List<RuleCondition> conditions,
                              Map<String, String> assign, boolean override, String description) {

    public AttributionRule {
        conditions = List.copyOf(conditions);
        // Sorted, so that stored and returned rules are deterministic.
        assign = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(assign));
    }
}

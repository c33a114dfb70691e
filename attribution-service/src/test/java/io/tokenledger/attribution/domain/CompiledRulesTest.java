package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Precedence of attribution rules: priority order, labels vs override, unattributed. */
class CompiledRulesTest {

    static RuleCondition label(String key, RuleCondition.Operator operator, String... values) {
        return new RuleCondition(RuleCondition.Subject.LABEL, key, operator, List.of(values));
    }

    static RuleCondition on(RuleCondition.Subject subject, RuleCondition.Operator operator, String... values) {
        return new RuleCondition(subject, "", operator, List.of(values));
    }

    static AttributionRule rule(String id, int priority, boolean override, Map<String, String> assign,
                                RuleCondition... conditions) {
        return new AttributionRule(id, priority, List.of(conditions), assign, override, "");
    }

    static CompiledRules compile(AttributionRule... rules) {
        return CompiledRules.compile(new RuleSetVersion("t", 1, List.of(rules), Optional.empty()));
    }

    @Test
    void withoutRulesLabelsAloneAttribute() {
        Dimensions dimensions = compile().attribute("t", "openai", "gpt-5", Map.of("team", "a", "x", "1"));
        assertThat(dimensions).isEqualTo(Attribution.attribute("t", Map.of("team", "a", "x", "1")));
    }

    @Test
    void theLowestPriorityNumberThatAssignsADimensionWinsRegardlessOfListOrder() {
        CompiledRules rules = compile(
                rule("late", 20, false, Map.of("team", "late", "feature", "f-late"),
                        on(RuleCondition.Subject.PROVIDER, RuleCondition.Operator.EQUALS, "openai")),
                rule("early", 10, false, Map.of("team", "early"),
                        on(RuleCondition.Subject.MODEL, RuleCondition.Operator.HAS_PREFIX, "gpt-")));
        Dimensions dimensions = rules.attribute("t", "openai", "gpt-5-mini", Map.of());
        // team: both match, priority 10 first -> "early"; feature: only "late" assigns it.
        assertThat(dimensions.team()).isEqualTo("early");
        assertThat(dimensions.feature()).isEqualTo("f-late");
        assertThat(dimensions.customer()).isEqualTo(Dimensions.UNATTRIBUTED);
    }

    @Test
    void anExplicitLabelWinsUnlessTheRuleOverrides() {
        RuleCondition anyKey = on(RuleCondition.Subject.API_KEY, RuleCondition.Operator.PRESENT);
        CompiledRules plain = compile(rule("r", 1, false, Map.of("team", "ruled"), anyKey));
        CompiledRules overriding = compile(rule("r", 1, true, Map.of("team", "ruled"), anyKey));
        Map<String, String> labelled = Map.of("team", "own", "api_key", "key-7");
        assertThat(plain.attribute("t", "p", "m", labelled).team()).isEqualTo("own");
        assertThat(overriding.attribute("t", "p", "m", labelled).team()).isEqualTo("ruled");
        // A blank label is no label: the plain rule sets the team.
        assertThat(plain.attribute("t", "p", "m", Map.of("team", " ", "api_key", "k")).team()).isEqualTo("ruled");
    }

    @Test
    void aSkippedNonOverrideRuleLeavesTheDimensionToALaterOverrideRule() {
        CompiledRules rules = compile(
                rule("soft", 1, false, Map.of("team", "soft")),
                rule("hard", 2, true, Map.of("team", "hard")));
        assertThat(rules.attribute("t", "p", "m", Map.of("team", "own")).team()).isEqualTo("hard");
        // Without a label the first rule (priority 1) sets it.
        assertThat(rules.attribute("t", "p", "m", Map.of()).team()).isEqualTo("soft");
    }

    @Test
    void otherDimensionsBecomeTagsAndTheirLabelCountsAsExplicit() {
        CompiledRules rules = compile(rule("cc", 1, false, Map.of("cost_center", "CC-100"),
                on(RuleCondition.Subject.SERVICE_NAME, RuleCondition.Operator.IN_SET, "billing", "checkout")));
        Dimensions ruled = rules.attribute("t", "p", "m", Map.of("service.name", "checkout"));
        assertThat(ruled.tags()).containsEntry("cost_center", "CC-100").containsEntry("service.name", "checkout");
        Dimensions own = rules.attribute("t", "p", "m", Map.of("service.name", "billing", "cost_center", "CC-9"));
        assertThat(own.tags()).containsEntry("cost_center", "CC-9");
    }

    @Test
    void allConditionsMustHoldAndAMissingSubjectNeverMatches() {
        CompiledRules rules = compile(rule("r", 1, false, Map.of("customer", "acme"),
                label("tenant_region", RuleCondition.Operator.EQUALS, "eu"),
                on(RuleCondition.Subject.PROVIDER, RuleCondition.Operator.EQUALS, "anthropic")));
        assertThat(rules.attribute("t", "anthropic", "m", Map.of("tenant_region", "eu")).customer())
                .isEqualTo("acme");
        assertThat(rules.attribute("t", "openai", "m", Map.of("tenant_region", "eu")).customer())
                .isEqualTo(Dimensions.UNATTRIBUTED);
        assertThat(rules.attribute("t", "anthropic", "m", Map.of()).customer()).isEqualTo(Dimensions.UNATTRIBUTED);
        // PRESENT fails on a missing label too.
        CompiledRules present = compile(rule("r", 1, false, Map.of("team", "x"),
                label("owner", RuleCondition.Operator.PRESENT)));
        assertThat(present.attribute("t", "p", "m", Map.of()).team()).isEqualTo(Dimensions.UNATTRIBUTED);
        assertThat(present.attribute("t", "p", "m", Map.of("owner", "z")).team()).isEqualTo("x");
    }
}

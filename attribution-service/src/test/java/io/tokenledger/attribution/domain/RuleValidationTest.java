package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleValidationTest {

    private static List<String> fields(Runnable call) {
        try {
            call.run();
        } catch (TokenLedgerException.Invalid invalid) {
            return invalid.violations().stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("expected INVALID_ARGUMENT");
    }

    @Test
    void namesEveryProblemWithItsFieldPath() {
        List<AttributionRule> rules = List.of(
                new AttributionRule("a", 5, List.of(
                        new RuleCondition(RuleCondition.Subject.LABEL, "", RuleCondition.Operator.EQUALS, List.of("x")),
                        new RuleCondition(RuleCondition.Subject.MODEL, "k", RuleCondition.Operator.IN_SET, List.of()),
                        new RuleCondition(RuleCondition.Subject.UNSPECIFIED, "", RuleCondition.Operator.PRESENT,
                                List.of("v"))),
                        Map.of("team", "t"), false, ""),
                new AttributionRule("a", 5, List.of(), Map.of(), false, ""),
                new AttributionRule("", 6, List.of(), Map.of("team", " "), false, ""));
        assertThat(fields(() -> RuleValidation.validate("", rules))).containsExactly(
                "tenant_id",
                "rules[0].conditions[0].label_key",
                "rules[0].conditions[1].label_key",
                "rules[0].conditions[1].values",
                "rules[0].conditions[2].subject",
                "rules[0].conditions[2].values",
                "rules[1].rule_id",
                "rules[1].priority",
                "rules[1].assign",
                "rules[2].rule_id",
                "rules[2].assign[team]");
    }

    @Test
    void atMostAThousandRules() {
        List<AttributionRule> rules = new ArrayList<>();
        for (int i = 0; i <= RuleValidation.MAX_RULES; i++) {
            rules.add(new AttributionRule("r" + i, i, List.of(), Map.of("team", "t"), false, ""));
        }
        assertThat(fields(() -> RuleValidation.validate("t", rules))).containsExactly("rules");
        RuleValidation.validate("t", rules.subList(0, RuleValidation.MAX_RULES));
    }

    @Test
    void validRulesPass() {
        RuleValidation.validate("t", List.of(new AttributionRule("r", -3, List.of(new RuleCondition(
                RuleCondition.Subject.API_KEY, "", RuleCondition.Operator.HAS_PREFIX, List.of("sk-team-"))),
                Map.of("cost_center", "CC-1"), true, "by key")));
        assertThatThrownBy(() -> RuleValidation.validate("t", List.of(new AttributionRule("r", 1, List.of(),
                Map.of("team", "a\0"), false, "")))).isInstanceOf(TokenLedgerException.Invalid.class);
    }
}

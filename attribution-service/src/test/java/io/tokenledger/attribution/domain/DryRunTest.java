package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {

    @Test
    void comparesStoredAndCandidateAttribution() {
        Map<String, String> labelsA = Map.of("api_key", "key-search");
        Map<String, String> labelsB = Map.of("team", "core");
        List<DryRun.StoredGroup> groups = List.of(
                new DryRun.StoredGroup("openai", "m", labelsA, Attribution.attribute("t", labelsA), 700, 7),
                new DryRun.StoredGroup("openai", "m", labelsB, Attribution.attribute("t", labelsB), 300, 3));
        CompiledRules candidate = CompiledRulesTest.compile(CompiledRulesTest.rule("k", 1, false,
                Map.of("team", "search"), CompiledRulesTest.on(RuleCondition.Subject.API_KEY,
                        RuleCondition.Operator.EQUALS, "key-search")));
        DryRun.Report report = DryRun.run("t", candidate, groups, Dimension.of(Dimension.Kind.TEAM));
        // unattributed 700 -> search; core keeps 300.
        assertThat(report.rows()).containsExactly(
                new DryRun.ValueChange("search", 0, 700, 700, 0, 0, 7),
                new DryRun.ValueChange("unattributed", 700, 0, 0, 700, 7, 0),
                new DryRun.ValueChange("core", 300, 300, 0, 0, 3, 3));
        assertThat(report.eventsScanned()).isEqualTo(10);
        assertThat(report.eventsChanged()).isEqualTo(7);
        assertThat(report.costMovedNanos()).isEqualTo(700);
        assertThat(report.eventsChangedAnyDimension()).isEqualTo(7);
    }
}

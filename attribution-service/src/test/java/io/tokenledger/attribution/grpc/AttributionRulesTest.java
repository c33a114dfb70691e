package io.tokenledger.attribution.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionRuleSet;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.Dimensions;
import io.tokenledger.api.attribution.v1.DryRunAttributionRulesRequest;
import io.tokenledger.api.attribution.v1.DryRunAttributionRulesResponse;
import io.tokenledger.api.attribution.v1.DryRunRow;
import io.tokenledger.api.attribution.v1.GetAttributionRulesRequest;
import io.tokenledger.api.attribution.v1.ListAttributionRuleVersionsRequest;
import io.tokenledger.api.attribution.v1.ListAttributionRuleVersionsResponse;
import io.tokenledger.api.attribution.v1.PutAttributionRulesRequest;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.attribution.v1.RuleOperator;
import io.tokenledger.api.attribution.v1.RuleSubject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tokenledger.attribution.grpc.RuleFixtures.fields;
import static io.tokenledger.attribution.grpc.RuleFixtures.rule;
import static io.tokenledger.attribution.grpc.RuleFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned attribution rules through the gRPC edge, against the real database. */
@QuarkusTest
class AttributionRulesTest {

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    private static io.tokenledger.api.attribution.v1.CostRecord call(String tenant, String id, String time,
                                                                      String provider, long nanos,
                                                                      Map<String, String> labels) {
        return Records.priced(tenant, id, time, provider, "m-1", 1_000, nanos, 0, 0, labels);
    }

    private List<RecordResult> record(io.tokenledger.api.attribution.v1.CostRecord... records) {
        return attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(List.of(records)).build())
                .getResultsList();
    }

    private AttributionRuleSet put(String tenant, String etag,
                                   io.tokenledger.api.attribution.v1.AttributionRule... rules) {
        return attribution.putAttributionRules(PutAttributionRulesRequest.newBuilder().setTenantId(tenant)
                .addAllRules(List.of(rules)).setEtag(etag).build()).getRuleSet();
    }

    @Test
    void rulesApplyOnRecordCostsWithExplicitPrecedence() {
        String tenant = "rules-apply";
        AttributionRuleSet v1 = put(tenant, "0",
                rule("by-key", 10, false, Map.of("team", "search", "feature", "semantic-search"),
                        when(RuleSubject.RULE_SUBJECT_API_KEY, RuleOperator.RULE_OPERATOR_EQUALS, "key-search")),
                rule("billing", 20, false, Map.of("cost_center", "CC-7"),
                        when(RuleSubject.RULE_SUBJECT_SERVICE_NAME, RuleOperator.RULE_OPERATOR_HAS_PREFIX, "billing")),
                rule("claude-prod", 5, true, Map.of("environment", "prod"),
                        when(RuleSubject.RULE_SUBJECT_PROVIDER, RuleOperator.RULE_OPERATOR_EQUALS, "anthropic")));
        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v1.getEtag()).isEqualTo("1");
        assertThat(v1.getRulesList()).extracting(r -> r.getRuleId()).containsExactly("claude-prod", "by-key",
                "billing");

        List<RecordResult> results = record(
                call(tenant, "e1", "2026-03-02T10:00:00Z", "openai", 1_000_000, Map.of("api_key", "key-search")),
                call(tenant, "e2", "2026-03-02T10:01:00Z", "openai", 2_000_000,
                        Map.of("api_key", "key-search", "team", "core")),
                call(tenant, "e3", "2026-03-02T10:02:00Z", "anthropic", 4_000_000, Map.of("environment", "dev")),
                call(tenant, "e4", "2026-03-02T10:03:00Z", "openai", 8_000_000, Map.of("service.name", "billing-api")),
                call(tenant, "e5", "2026-03-02T10:04:00Z", "openai", 16_000_000, Map.of("route", "/x")));
        Dimensions e1 = results.get(0).getDimensions();
        assertThat(e1.getTeam()).isEqualTo("search");
        assertThat(e1.getFeature()).isEqualTo("semantic-search");
        // e2: its own team label beats the non-override rule; the rule still sets the feature it has no label for.
        assertThat(results.get(1).getDimensions().getTeam()).isEqualTo("core");
        assertThat(results.get(1).getDimensions().getFeature()).isEqualTo("semantic-search");
        // e3: the override rule beats the event's environment label.
        assertThat(results.get(2).getDimensions().getEnvironment()).isEqualTo("prod");
        // e4: a user-defined dimension lands in the tags.
        assertThat(results.get(3).getDimensions().getTagsMap()).containsEntry("cost_center", "CC-7");
        // e5: no rule matches -> unattributed, never dropped.
        assertThat(results.get(4).getDimensions().getTeam()).isEqualTo("unattributed");

        // Cost by team: search 1,000,000; core 2,000,000; unattributed = e3 + e4 + e5 = 28,000,000.
        List<CostRow> byTeam = attribution.queryCost(QueryCostRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at("2026-03-02T00:00:00Z")).setEndTime(Records.at("2026-03-03T00:00:00Z"))
                .addGroupBy("team").build()).getRowsList();
        assertThat(byTeam).extracting(r -> r.getGroupValues(0) + "=" + r.getCostNanos())
                .containsExactly("unattributed=28000000", "core=2000000", "search=1000000");
        List<CostRow> byCostCenter = attribution.queryCost(QueryCostRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at("2026-03-02T00:00:00Z")).setEndTime(Records.at("2026-03-03T00:00:00Z"))
                .addGroupBy("tag:cost_center").build()).getRowsList();
        // CC-7 = e4 8,000,000; the rest 1 + 2 + 4 + 16 = 23,000,000 unattributed.
        assertThat(byCostCenter).extracting(r -> r.getGroupValues(0) + "=" + r.getCostNanos())
                .containsExactly("unattributed=23000000", "CC-7=8000000");
    }

    @Test
    void versionsAreImmutableAndEtagsGuardConcurrentPuts() {
        String tenant = "rules-versions";
        assertThat(attribution.getAttributionRules(GetAttributionRulesRequest.newBuilder().setTenantId(tenant)
                .build()).getRuleSet().getVersion()).isZero();
        put(tenant, "0", rule("a", 1, false, Map.of("team", "alpha")));
        record(call(tenant, "before", "2026-03-02T10:00:00Z", "openai", 1_000, Map.of()));

        // A writer that still holds etag "0" lost the race: ABORTED, nothing stored.
        assertThatThrownBy(() -> put(tenant, "0", rule("b", 1, false, Map.of("team", "beta"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED));
        AttributionRuleSet v2 = put(tenant, "1", rule("b", 1, false, Map.of("team", "beta")));
        assertThat(v2.getVersion()).isEqualTo(2);
        // Without an etag the put goes on top of whatever is latest.
        assertThat(put(tenant, "", rule("c", 1, false, Map.of("team", "gamma"))).getVersion()).isEqualTo(3);

        // Tied priorities are rejected with the field path, and no version is stored.
        StatusRuntimeException invalid = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> put(tenant, "", rule("x", 7, false, Map.of("team", "x")), rule("y", 7, false,
                        Map.of("team", "y", "", "z"))));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(invalid)).containsExactly("rules[1].priority", "rules[1].assign");

        AttributionRuleSet v1 = attribution.getAttributionRules(GetAttributionRulesRequest.newBuilder()
                .setTenantId(tenant).setVersion(1).build()).getRuleSet();
        assertThat(v1.getRules(0).getAssignMap()).containsEntry("team", "alpha");
        AttributionRuleSet latest = attribution.getAttributionRules(GetAttributionRulesRequest.newBuilder()
                .setTenantId(tenant).build()).getRuleSet();
        assertThat(latest.getVersion()).isEqualTo(3);
        assertThat(latest.getRules(0).getAssignMap()).containsEntry("team", "gamma");
        assertThatThrownBy(() -> attribution.getAttributionRules(GetAttributionRulesRequest.newBuilder()
                .setTenantId(tenant).setVersion(9).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

        ListAttributionRuleVersionsResponse page1 = attribution.listAttributionRuleVersions(
                ListAttributionRuleVersionsRequest.newBuilder().setTenantId(tenant).setPageSize(2).build());
        assertThat(page1.getVersionsList()).extracting(v -> v.getVersion()).containsExactly(3L, 2L);
        ListAttributionRuleVersionsResponse page2 = attribution.listAttributionRuleVersions(
                ListAttributionRuleVersionsRequest.newBuilder().setTenantId(tenant).setPageSize(2)
                        .setPageToken(page1.getNextPageToken()).build());
        assertThat(page2.getVersionsList()).extracting(v -> v.getVersion()).containsExactly(1L);
        assertThat(page2.getNextPageToken()).isEmpty();

        // Events recorded from now on get version 3; the event recorded under version 1 keeps what it got.
        List<RecordResult> results = record(
                call(tenant, "after", "2026-03-02T10:05:00Z", "openai", 1_000, Map.of()),
                call(tenant, "before", "2026-03-02T10:00:00Z", "openai", 1_000, Map.of()));
        assertThat(results.get(0).getDimensions().getTeam()).isEqualTo("gamma");
        assertThat(results.get(1).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_DUPLICATE);
        assertThat(results.get(1).getDimensions().getTeam()).isEqualTo("alpha");
    }

    @Test
    void dryRunReattributesThePeriodFromStoredRawLabelsAndWritesNothing() {
        String tenant = "rules-dry-run";
        // Recorded without rules (their labels column stays NULL and is reconstructed from the row).
        record(call(tenant, "d1", "2026-03-02T10:00:00Z", "openai", 1_000_000, Map.of("api_key", "k1")),
                call(tenant, "d2", "2026-03-02T10:01:00Z", "openai", 2_000_000,
                        Map.of("api_key", "k1", "team", "core")),
                call(tenant, "d3", "2026-03-02T10:02:00Z", "openai", 4_000_000, Map.of("api_key", "k2")),
                call(tenant, "d4", "2026-03-03T10:00:00Z", "openai", 8_000_000, Map.of("api_key", "k1")),
                call(tenant, "d5", "2026-03-02T10:03:00Z", "openai", 500_000, Map.of("team", "core")));
        // Recorded under a rule that set its team: the raw labels are stored so a dry run can undo the rule.
        put(tenant, "0", rule("ops", 1, false, Map.of("team", "ops"),
                when(RuleSubject.RULE_SUBJECT_API_KEY, RuleOperator.RULE_OPERATOR_EQUALS, "k3")));
        assertThat(record(call(tenant, "d6", "2026-03-02T10:04:00Z", "openai", 300_000, Map.of("api_key", "k3")))
                .get(0).getDimensions().getTeam()).isEqualTo("ops");

        DryRunAttributionRulesResponse dryRun = attribution.dryRunAttributionRules(
                DryRunAttributionRulesRequest.newBuilder().setTenantId(tenant)
                        .addRules(rule("k1", 1, false, Map.of("team", "search"),
                                when(RuleSubject.RULE_SUBJECT_API_KEY, RuleOperator.RULE_OPERATOR_EQUALS, "k1")))
                        .addRules(rule("k2", 2, true, Map.of("team", "ml"),
                                when(RuleSubject.RULE_SUBJECT_API_KEY, RuleOperator.RULE_OPERATOR_EQUALS, "k2")))
                        .setStartTime(Records.at("2026-03-02T00:00:00Z"))
                        .setEndTime(Records.at("2026-03-03T00:00:00Z")).setGroupBy("team").build());
        // Period 2026-03-02 (d4 is outside). Before: unattributed = d1 + d3 = 5,000,000 (2 events),
        // core = d2 + d5 = 2,500,000 (2), ops = d6 300,000 (1).
        // After: d1 -> search (k1); d2 keeps core (its label beats the non-override rule); d3 -> ml;
        // d5 core; d6 matches no candidate rule -> unattributed.
        // Deltas: unattributed 300,000 - 5,000,000 = -4,700,000; ml +4,000,000; search +1,000,000;
        // ops -300,000; core 0 (ordered by |delta|).
        assertThat(dryRun.getRowsList()).extracting(RuleFixturesView::of).containsExactly(
                "unattributed before=5000000 after=300000 delta=-4700000 in=300000 out=5000000 events=2->1",
                "ml before=0 after=4000000 delta=4000000 in=4000000 out=0 events=0->1",
                "search before=0 after=1000000 delta=1000000 in=1000000 out=0 events=0->1",
                "ops before=300000 after=0 delta=-300000 in=0 out=300000 events=1->0",
                "core before=2500000 after=2500000 delta=0 in=0 out=0 events=2->2");
        // Changed: d1, d3, d6 = 3 events, 1,000,000 + 4,000,000 + 300,000 = 5,300,000 moved.
        assertThat(dryRun.getEventsScanned()).isEqualTo(5);
        assertThat(dryRun.getEventsChanged()).isEqualTo(3);
        assertThat(dryRun.getCostMovedNanos()).isEqualTo(5_300_000);
        assertThat(dryRun.getEventsChangedAnyDimension()).isEqualTo(3);

        // Nothing was written: the ledger still says unattributed 5,000,000.
        List<CostRow> byTeam = attribution.queryCost(QueryCostRequest.newBuilder().setTenantId(tenant)
                .setStartTime(Records.at("2026-03-02T00:00:00Z")).setEndTime(Records.at("2026-03-03T00:00:00Z"))
                .addGroupBy("team").build()).getRowsList();
        assertThat(byTeam).extracting(r -> r.getGroupValues(0) + "=" + r.getCostNanos())
                .containsExactly("unattributed=5000000", "core=2500000", "ops=300000");

        StatusRuntimeException invalid = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> attribution.dryRunAttributionRules(DryRunAttributionRulesRequest.newBuilder()
                        .setTenantId(tenant).setGroupBy("model")
                        .addRules(io.tokenledger.api.attribution.v1.AttributionRule.newBuilder().setRuleId("r")
                                .setPriority(1).putAssign("team", "t").addConditions(
                                        io.tokenledger.api.attribution.v1.RuleCondition.newBuilder()
                                                .setSubject(RuleSubject.RULE_SUBJECT_LABEL)
                                                .setOperator(RuleOperator.RULE_OPERATOR_EQUALS).addValues("v")))
                        .build()));
        assertThat(fields(invalid)).containsExactly("rules[0].conditions[0].label_key", "start_time", "group_by");
    }

    /** One dry-run row as text, so a failure shows the whole row. */
    private static final class RuleFixturesView {
        static String of(DryRunRow row) {
            return row.getValue() + " before=" + row.getBeforeCostNanos() + " after=" + row.getAfterCostNanos()
                    + " delta=" + row.getDeltaCostNanos() + " in=" + row.getMovedInCostNanos()
                    + " out=" + row.getMovedOutCostNanos() + " events=" + row.getBeforeEvents() + "->"
                    + row.getAfterEvents();
        }
    }
}

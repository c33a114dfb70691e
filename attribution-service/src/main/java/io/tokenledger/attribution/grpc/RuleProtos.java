package io.tokenledger.attribution.grpc;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.attribution.v1.AttributionRuleSet;
import io.tokenledger.api.attribution.v1.AttributionRuleVersion;
import io.tokenledger.api.attribution.v1.DryRunAttributionRulesResponse;
import io.tokenledger.api.attribution.v1.DryRunRow;
import io.tokenledger.api.attribution.v1.ListAttributionRuleVersionsResponse;
import io.tokenledger.api.attribution.v1.RuleOperator;
import io.tokenledger.api.attribution.v1.RuleSubject;
import io.tokenledger.attribution.application.AttributionRules;
import io.tokenledger.attribution.domain.AttributionRule;
import io.tokenledger.attribution.domain.DryRun;
import io.tokenledger.attribution.domain.RuleCondition;
import io.tokenledger.attribution.domain.RuleSetVersion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Converts attribution rule messages to and from the domain. */
final class RuleProtos {

    private RuleProtos() {
    }

    static List<AttributionRule> fromProto(List<io.tokenledger.api.attribution.v1.AttributionRule> rules) {
        return rules.stream().map(RuleProtos::fromProto).toList();
    }

    private static AttributionRule fromProto(io.tokenledger.api.attribution.v1.AttributionRule rule) {
        return new AttributionRule(rule.getRuleId(), rule.getPriority(),
                rule.getConditionsList().stream().map(RuleProtos::fromProto).toList(), rule.getAssignMap(),
                rule.getOverride(), rule.getDescription());
    }

    private static RuleCondition fromProto(io.tokenledger.api.attribution.v1.RuleCondition condition) {
        return new RuleCondition(subject(condition.getSubject()), condition.getLabelKey(),
                operator(condition.getOperator()), condition.getValuesList());
    }

    private static RuleCondition.Subject subject(RuleSubject subject) {
        return switch (subject) {
            case RULE_SUBJECT_LABEL -> RuleCondition.Subject.LABEL;
            case RULE_SUBJECT_MODEL -> RuleCondition.Subject.MODEL;
            case RULE_SUBJECT_PROVIDER -> RuleCondition.Subject.PROVIDER;
            case RULE_SUBJECT_API_KEY -> RuleCondition.Subject.API_KEY;
            case RULE_SUBJECT_SERVICE_NAME -> RuleCondition.Subject.SERVICE_NAME;
            default -> RuleCondition.Subject.UNSPECIFIED;
        };
    }

    private static RuleCondition.Operator operator(RuleOperator operator) {
        return switch (operator) {
            case RULE_OPERATOR_EQUALS -> RuleCondition.Operator.EQUALS;
            case RULE_OPERATOR_HAS_PREFIX -> RuleCondition.Operator.HAS_PREFIX;
            case RULE_OPERATOR_IN_SET -> RuleCondition.Operator.IN_SET;
            case RULE_OPERATOR_PRESENT -> RuleCondition.Operator.PRESENT;
            default -> RuleCondition.Operator.UNSPECIFIED;
        };
    }

    static AttributionRuleSet toProto(RuleSetVersion version) {
        AttributionRuleSet.Builder set = AttributionRuleSet.newBuilder().setTenantId(version.tenantId())
                .setVersion(version.version()).setEtag(version.etag());
        version.createdAt().ifPresent(created -> set.setCreateTime(LedgerProtos.timestamp(created)));
        for (AttributionRule rule : version.rules()) {
            io.tokenledger.api.attribution.v1.AttributionRule.Builder proto =
                    io.tokenledger.api.attribution.v1.AttributionRule.newBuilder().setRuleId(rule.ruleId())
                            .setPriority(rule.priority()).putAllAssign(rule.assign()).setOverride(rule.override())
                            .setDescription(rule.description());
            for (RuleCondition condition : rule.conditions()) {
                proto.addConditions(io.tokenledger.api.attribution.v1.RuleCondition.newBuilder()
                        .setSubject(RuleSubject.valueOf("RULE_SUBJECT_" + condition.subject().name()))
                        .setLabelKey(condition.labelKey())
                        .setOperator(RuleOperator.valueOf("RULE_OPERATOR_" + condition.operator().name()))
                        .addAllValues(condition.values()));
            }
            set.addRules(proto);
        }
        return set.build();
    }

    static ListAttributionRuleVersionsResponse toProto(AttributionRules.Page page) {
        ListAttributionRuleVersionsResponse.Builder response = ListAttributionRuleVersionsResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        page.versions().forEach(version -> response.addVersions(AttributionRuleVersion.newBuilder()
                .setVersion(version.version()).setEtag(version.etag()).setRuleCount(version.ruleCount())
                .setCreateTime(LedgerProtos.timestamp(version.createdAt()))));
        return response.build();
    }

    static DryRunAttributionRulesResponse toProto(DryRun.Report report) {
        DryRunAttributionRulesResponse.Builder response = DryRunAttributionRulesResponse.newBuilder()
                .setEventsScanned(report.eventsScanned()).setEventsChanged(report.eventsChanged())
                .setCostMovedNanos(report.costMovedNanos())
                .setEventsChangedAnyDimension(report.eventsChangedAnyDimension());
        report.rows().forEach(row -> response.addRows(DryRunRow.newBuilder().setValue(row.value())
                .setBeforeCostNanos(row.beforeCostNanos()).setAfterCostNanos(row.afterCostNanos())
                .setDeltaCostNanos(row.deltaCostNanos()).setMovedInCostNanos(row.movedInCostNanos())
                .setMovedOutCostNanos(row.movedOutCostNanos()).setBeforeEvents(row.beforeEvents())
                .setAfterEvents(row.afterEvents())));
        return response.build();
    }

    static Optional<Instant> instant(boolean present, Timestamp timestamp) {
        return present ? Optional.of(LedgerProtos.instant(timestamp)) : Optional.empty();
    }
}

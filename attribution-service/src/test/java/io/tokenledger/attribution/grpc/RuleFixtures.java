package io.tokenledger.attribution.grpc;

import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.tokenledger.api.attribution.v1.AttributionRule;
import io.tokenledger.api.attribution.v1.RuleCondition;
import io.tokenledger.api.attribution.v1.RuleOperator;
import io.tokenledger.api.attribution.v1.RuleSubject;

import java.util.List;
import java.util.Map;

/** Builders of rule messages and the field paths of an INVALID_ARGUMENT, for the rules and allocation tests. */
final class RuleFixtures {

    private RuleFixtures() {
    }

    static RuleCondition when(RuleSubject subject, RuleOperator operator, String value) {
        return RuleCondition.newBuilder().setSubject(subject).setOperator(operator).addValues(value).build();
    }

    static AttributionRule rule(String id, int priority, boolean override, Map<String, String> assign,
                                RuleCondition... conditions) {
        return AttributionRule.newBuilder().setRuleId(id).setPriority(priority).setOverride(override)
                .putAllAssign(assign).addAllConditions(List.of(conditions)).build();
    }

    static List<String> fields(StatusRuntimeException error) {
        try {
            for (var detail : StatusProto.fromThrowable(error).getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField).toList();
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return List.of();
    }
}

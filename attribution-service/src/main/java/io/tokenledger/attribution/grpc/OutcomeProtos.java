package io.tokenledger.attribution.grpc;

import io.tokenledger.api.attribution.v1.GetUnitEconomicsRequest;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsResponse;
import io.tokenledger.api.attribution.v1.OutcomeResult;
import io.tokenledger.api.attribution.v1.RecordOutcomesResponse;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.attribution.v1.UnitEconomicsRow;
import io.tokenledger.attribution.domain.Outcome;
import io.tokenledger.attribution.domain.UnitEconomics;
import io.tokenledger.platform.money.ProtoMoney;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Converts RecordOutcomes and GetUnitEconomics messages to and from the domain. */
final class OutcomeProtos {

    private OutcomeProtos() {
    }

    static Outcome fromProto(io.tokenledger.api.attribution.v1.Outcome proto) {
        return new Outcome(proto.getOutcomeId(), proto.getTenantId(), proto.getType(),
                proto.hasOccurredTime() ? LedgerProtos.instant(proto.getOccurredTime()) : null,
                proto.getDimensionsMap(),
                proto.hasValue() ? Optional.of(ProtoMoney.toNanos(proto.getValue())) : Optional.empty(),
                proto.getTraceIdsList());
    }

    static RecordOutcomesResponse toProto(List<io.tokenledger.api.attribution.v1.Outcome> request,
                                          List<Boolean> recorded) {
        RecordOutcomesResponse.Builder response = RecordOutcomesResponse.newBuilder();
        for (int i = 0; i < request.size(); i++) {
            response.addResults(OutcomeResult.newBuilder().setOutcomeId(request.get(i).getOutcomeId())
                    .setStatus(recorded.get(i) ? RecordStatus.RECORD_STATUS_RECORDED
                            : RecordStatus.RECORD_STATUS_DUPLICATE));
        }
        return response.build();
    }

    static Optional<Instant> start(GetUnitEconomicsRequest request) {
        return request.hasStartTime() ? Optional.of(LedgerProtos.instant(request.getStartTime())) : Optional.empty();
    }

    static Optional<Instant> end(GetUnitEconomicsRequest request) {
        return request.hasEndTime() ? Optional.of(LedgerProtos.instant(request.getEndTime())) : Optional.empty();
    }

    /** The groups then the total (the last element). */
    static GetUnitEconomicsResponse toProto(List<UnitEconomics> report) {
        GetUnitEconomicsResponse.Builder response = GetUnitEconomicsResponse.newBuilder();
        for (int i = 0; i < report.size() - 1; i++) {
            response.addRows(row(report.get(i)));
        }
        return response.setTotal(row(report.get(report.size() - 1))).build();
    }

    private static UnitEconomicsRow row(UnitEconomics unit) {
        UnitEconomicsRow.Builder row = UnitEconomicsRow.newBuilder()
                .addAllGroupValues(unit.groupValues())
                .setCost(ProtoMoney.of(unit.costNanos()))
                .setOutcomeCost(ProtoMoney.of(unit.outcomeCostNanos()))
                .setFailureCost(ProtoMoney.of(unit.failureCostNanos()))
                .setOutcomeCount(unit.outcomeCount())
                .setRequestCount(unit.requestCount())
                .setUserCount(unit.userCount())
                .setTokens(LedgerProtos.toProto(unit.tokens()))
                .setTokensPerRequest(unit.tokensPerRequest())
                .setPromptCompletionRatio(unit.promptCompletionRatio())
                .setCacheHitShare(unit.cacheHitShare());
        unit.costPerOutcomeNanos().ifPresent(nanos -> row.setCostPerOutcome(ProtoMoney.of(nanos)));
        unit.outcomeValueNanos().ifPresent(nanos -> row.setOutcomeValue(ProtoMoney.of(nanos)));
        unit.marginNanos().ifPresent(nanos -> row.setMargin(ProtoMoney.of(nanos)));
        unit.costPerRequestNanos().ifPresent(nanos -> row.setCostPerRequest(ProtoMoney.of(nanos)));
        unit.costPerUserNanos().ifPresent(nanos -> row.setCostPerUser(ProtoMoney.of(nanos)));
        return row.build();
    }
}

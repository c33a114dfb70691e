package io.tokenledger.attribution.grpc;

import io.tokenledger.api.attribution.v1.CompareStoredUsageResponse;
import io.tokenledger.api.attribution.v1.GetInsightsResponse;
import io.tokenledger.api.attribution.v1.InsightKind;
import io.tokenledger.api.attribution.v1.ModelChoice;
import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.SavingTally;
import io.tokenledger.attribution.domain.StoredComparison;
import io.tokenledger.platform.money.ProtoMoney;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Converts CompareStoredUsage and GetInsights messages to and from the domain. */
final class InsightProtos {

    private InsightProtos() {
    }

    static Optional<Instant> time(boolean has, com.google.protobuf.Timestamp time) {
        return has ? Optional.of(LedgerProtos.instant(time)) : Optional.empty();
    }

    static List<ModelRef> models(List<ModelChoice> choices) {
        return choices.stream().map(c -> new ModelRef(c.getProvider(), c.getModel())).toList();
    }

    static ModelChoice toProto(ModelRef model) {
        return ModelChoice.newBuilder().setProvider(model.provider()).setModel(model.model()).build();
    }

    static CompareStoredUsageResponse toProto(StoredComparison comparison) {
        CompareStoredUsageResponse.Builder response = CompareStoredUsageResponse.newBuilder()
                .setEventCount(comparison.events())
                .setSkippedUnpricedCount(comparison.skippedUnpriced());
        for (StoredComparison.Candidate candidate : comparison.candidates()) {
            SavingTally tally = candidate.tally();
            response.addResults(io.tokenledger.api.attribution.v1.StoredComparison.newBuilder()
                    .setCandidate(toProto(candidate.model()))
                    .setCurrentCost(ProtoMoney.of(tally.currentNanos()))
                    .setCandidateCost(ProtoMoney.of(tally.alternativeNanos()))
                    .setSaving(ProtoMoney.of(tally.savingNanos()))
                    .setSavingNanos(tally.savingNanos())
                    .setEventCount(tally.events())
                    .setUnpricedCount(tally.unpriced())
                    .setUnpricedReason(tally.firstUnpricedReason()));
        }
        return response.build();
    }

    static GetInsightsResponse toProto(List<Insight> insights) {
        GetInsightsResponse.Builder response = GetInsightsResponse.newBuilder();
        for (Insight insight : insights) {
            io.tokenledger.api.attribution.v1.Insight.Builder proto = io.tokenledger.api.attribution.v1.Insight
                    .newBuilder()
                    .setKind(InsightKind.valueOf("INSIGHT_KIND_" + insight.kind().name()))
                    .setFeature(insight.feature())
                    .setPromptPrefixHash(insight.promptPrefixHash())
                    .setProvider(insight.model().provider())
                    .setModel(insight.model().model())
                    .setDescription(insight.description())
                    .setSaving(ProtoMoney.of(insight.savingNanos()))
                    .setSavingNanos(insight.savingNanos())
                    .putAllEvidence(insight.evidence());
            if (!insight.suggested().equals(Insight.NONE)) {
                proto.setSuggestedModel(toProto(insight.suggested()));
            }
            response.addInsights(proto);
        }
        return response.build();
    }
}

package io.tokenledger.attribution.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.attribution.v1.AttributionService;
import io.tokenledger.api.attribution.v1.CompareStoredUsageRequest;
import io.tokenledger.api.attribution.v1.CompareStoredUsageResponse;
import io.tokenledger.api.attribution.v1.GetInsightsRequest;
import io.tokenledger.api.attribution.v1.GetInsightsResponse;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsRequest;
import io.tokenledger.api.attribution.v1.GetUnitEconomicsResponse;
import io.tokenledger.api.attribution.v1.RecordOutcomesRequest;
import io.tokenledger.api.attribution.v1.RecordOutcomesResponse;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordCostsResponse;
import io.tokenledger.attribution.application.CostRecording;
import io.tokenledger.attribution.application.CostReporting;
import io.tokenledger.attribution.application.InsightFinding;
import io.tokenledger.attribution.application.StoredUsageComparing;
import io.tokenledger.attribution.application.OutcomeRecording;
import io.tokenledger.attribution.application.UnitEconomicsReporting;
import io.tokenledger.attribution.domain.Outcome;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.RecordOutcome;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The gRPC edge of attribution: converts messages and calls one use case per RPC. */
@GrpcService
public class AttributionGrpcService implements AttributionService {

    // Field-injected so that this RPC's extra use case leaves the shared constructor alone.
    @jakarta.inject.Inject
    io.tokenledger.attribution.application.CorrectionRecording corrections;

    private final CostRecording recording;
    private final CostReporting reporting;
    private final OutcomeRecording outcomes;
    private final UnitEconomicsReporting unitEconomics;
    // Field-injected so that the savings RPCs need no change to the constructor other RPCs share.
    @Inject
    StoredUsageComparing storedComparing;
    @Inject
    InsightFinding insights;

    public AttributionGrpcService(CostRecording recording, CostReporting reporting, OutcomeRecording outcomes,
                                  UnitEconomicsReporting unitEconomics) {
        this.recording = recording;
        this.reporting = reporting;
        this.outcomes = outcomes;
        this.unitEconomics = unitEconomics;
    }

    @Override
    @Blocking
    public Uni<RecordCostsResponse> recordCosts(RecordCostsRequest request) {
        if (request.getRecordsList().stream().anyMatch(LedgerProtos::isCorrection)) {
            return Uni.createFrom().item(LedgerProtos.recordWithCorrections(request, corrections));
        }
        List<CostEntry> entries = new ArrayList<>(request.getRecordsCount());
        request.getRecordsList().forEach(record -> entries.add(LedgerProtos.fromProto(record)));
        RecordCostsResponse.Builder response = RecordCostsResponse.newBuilder();
        for (RecordOutcome outcome : recording.record(entries)) {
            response.addResults(LedgerProtos.toProto(outcome));
        }
        return Uni.createFrom().item(response.build());
    }

    @Override
    @Blocking
    public Uni<QueryCostResponse> queryCost(QueryCostRequest request) {
        return Uni.createFrom().item(QueryProtos.toProto(reporting.query(request.getTenantId(),
                QueryProtos.start(request), QueryProtos.end(request), request.getGroupByList(),
                request.getFiltersMap(), QueryProtos.granularity(request.getGranularity()),
                request.getTimeZone(), request.getLimit())));
    }

    @Override
    @Blocking
    public Uni<RecordOutcomesResponse> recordOutcomes(RecordOutcomesRequest request) {
        List<Outcome> batch = new ArrayList<>(request.getOutcomesCount());
        request.getOutcomesList().forEach(outcome -> batch.add(OutcomeProtos.fromProto(outcome)));
        return Uni.createFrom().item(OutcomeProtos.toProto(request.getOutcomesList(), outcomes.record(batch)));
    }

    @Override
    @Blocking
    public Uni<GetUnitEconomicsResponse> getUnitEconomics(GetUnitEconomicsRequest request) {
        return Uni.createFrom().item(OutcomeProtos.toProto(unitEconomics.report(request.getTenantId(),
                OutcomeProtos.start(request), OutcomeProtos.end(request), request.getGroupByList(),
                request.getOutcomeType())));
    }

    // Reported-cost reconciliation (issue 3). Field-injected so the constructor above stays as it is.
    @jakarta.inject.Inject
    io.tokenledger.attribution.application.CostReconciliation reconciliation;

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.ReconcileReportedCostResponse> reconcileReportedCost(
            io.tokenledger.api.attribution.v1.ReconcileReportedCostRequest request) {
        return Uni.createFrom().item(ReconciliationProtos.toProto(reconciliation.reconcile(request.getTenantId(),
                ReconciliationProtos.start(request), ReconciliationProtos.end(request))));
    }

    // Attribution rules and shared costs (issue 6). Field-injected so the constructor above stays as it is.
    @jakarta.inject.Inject
    io.tokenledger.attribution.application.AttributionRules attributionRules;
    @jakarta.inject.Inject
    io.tokenledger.attribution.application.SharedCostAllocation sharedCosts;

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.PutAttributionRulesResponse> putAttributionRules(
            io.tokenledger.api.attribution.v1.PutAttributionRulesRequest request) {
        return Uni.createFrom().item(io.tokenledger.api.attribution.v1.PutAttributionRulesResponse.newBuilder()
                .setRuleSet(RuleProtos.toProto(attributionRules.put(request.getTenantId(),
                        RuleProtos.fromProto(request.getRulesList()), request.getEtag()))).build());
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.GetAttributionRulesResponse> getAttributionRules(
            io.tokenledger.api.attribution.v1.GetAttributionRulesRequest request) {
        return Uni.createFrom().item(io.tokenledger.api.attribution.v1.GetAttributionRulesResponse.newBuilder()
                .setRuleSet(RuleProtos.toProto(attributionRules.get(request.getTenantId(), request.getVersion())))
                .build());
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.ListAttributionRuleVersionsResponse> listAttributionRuleVersions(
            io.tokenledger.api.attribution.v1.ListAttributionRuleVersionsRequest request) {
        return Uni.createFrom().item(RuleProtos.toProto(attributionRules.list(request.getTenantId(),
                request.getPageSize(), request.getPageToken())));
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.DryRunAttributionRulesResponse> dryRunAttributionRules(
            io.tokenledger.api.attribution.v1.DryRunAttributionRulesRequest request) {
        return Uni.createFrom().item(RuleProtos.toProto(attributionRules.dryRun(request.getTenantId(),
                RuleProtos.fromProto(request.getRulesList()),
                RuleProtos.instant(request.hasStartTime(), request.getStartTime()),
                RuleProtos.instant(request.hasEndTime(), request.getEndTime()), request.getGroupBy())));
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.PutSharedCostItemResponse> putSharedCostItem(
            io.tokenledger.api.attribution.v1.PutSharedCostItemRequest request) {
        return Uni.createFrom().item(io.tokenledger.api.attribution.v1.PutSharedCostItemResponse.newBuilder()
                .setItem(AllocationProtos.toProto(sharedCosts.put(AllocationProtos.fromProto(request.getItem()))))
                .build());
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.ListSharedCostItemsResponse> listSharedCostItems(
            io.tokenledger.api.attribution.v1.ListSharedCostItemsRequest request) {
        io.tokenledger.api.attribution.v1.ListSharedCostItemsResponse.Builder response =
                io.tokenledger.api.attribution.v1.ListSharedCostItemsResponse.newBuilder();
        sharedCosts.list(request.getTenantId()).forEach(item -> response.addItems(AllocationProtos.toProto(item)));
        return Uni.createFrom().item(response.build());
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.DeleteSharedCostItemResponse> deleteSharedCostItem(
            io.tokenledger.api.attribution.v1.DeleteSharedCostItemRequest request) {
        sharedCosts.delete(request.getTenantId(), request.getItemId());
        return Uni.createFrom().item(
                io.tokenledger.api.attribution.v1.DeleteSharedCostItemResponse.getDefaultInstance());
    }

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.GetAllocatedCostResponse> getAllocatedCost(
            io.tokenledger.api.attribution.v1.GetAllocatedCostRequest request) {
        return Uni.createFrom().item(AllocationProtos.toProto(sharedCosts.allocate(request.getTenantId(),
                RuleProtos.instant(request.hasStartTime(), request.getStartTime()),
                RuleProtos.instant(request.hasEndTime(), request.getEndTime()), request.getDimension())));
    }

    @Override
    @Blocking
    public Uni<CompareStoredUsageResponse> compareStoredUsage(CompareStoredUsageRequest request) {
        return Uni.createFrom().item(InsightProtos.toProto(storedComparing.compare(request.getTenantId(),
                InsightProtos.time(request.hasStartTime(), request.getStartTime()),
                InsightProtos.time(request.hasEndTime(), request.getEndTime()), request.getFiltersMap(),
                InsightProtos.models(request.getCandidatesList()), request.getWithoutPromptCaching())));
    }

    @Override
    @Blocking
    public Uni<GetInsightsResponse> getInsights(GetInsightsRequest request) {
        return Uni.createFrom().item(InsightProtos.toProto(insights.find(request.getTenantId(),
                InsightProtos.time(request.hasStartTime(), request.getStartTime()),
                InsightProtos.time(request.hasEndTime(), request.getEndTime()), request.getLimit(),
                InsightProtos.models(request.getCandidatesList()), request.getBackgroundFeaturesList(),
                request.getBloatFactor())));
    }

    // Re-rating reads the entries in force (issue 3). Field-injected so the constructor above stays as it is.
    @jakarta.inject.Inject
    io.tokenledger.attribution.application.LedgerEntryListing ledgerEntries;

    @Override
    @Blocking
    public Uni<io.tokenledger.api.attribution.v1.ListLedgerEntriesResponse> listLedgerEntries(
            io.tokenledger.api.attribution.v1.ListLedgerEntriesRequest request) {
        return Uni.createFrom().item(() -> LedgerEntryProtos.list(request, ledgerEntries));
    }
}

package io.tokenledger.ingest.client;

import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.Dimensions;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.attribution.v1.ReversedEntry;
import io.tokenledger.ingest.domain.Correction;
import io.tokenledger.ingest.domain.CorrectionRecorded;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.domain.ReportedCost;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The requests and responses of the pipeline's downstream calls, to and from the domain. */
final class DownstreamProtos {

    private DownstreamProtos() {
    }

    static PriceUsageRequest priceRequest(List<UsageEvent> events) {
        PriceUsageRequest.Builder request = PriceUsageRequest.newBuilder();
        for (UsageEvent event : events) {
            request.addItems(PriceItem.newBuilder()
                    .setItemId(event.eventId())
                    .setTenantId(event.tenantId())
                    .setProvider(event.provider())
                    .setModel(event.model())
                    .setOccurredTime(UsageEventProtos.timestamp(event.occurredTime().orElseThrow()))
                    .setUsage(UsageEventProtos.tokenUsage(event.usage()))
                    .setServiceTier(UsageEventProtos.serviceTier(event.serviceTier())));
        }
        return request.build();
    }

    static PricedEvent priced(PricedItem item) {
        PricingStatus status = item.getStatus() == io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED
                ? PricingStatus.PRICED : PricingStatus.UNPRICED;
        return new PricedEvent(status, item.getUnpricedReason(), item.getCostNanos(),
                UsageEventProtos.breakdown(item.getBreakdown()), item.getPriceId(), item.getResolvedProvider(),
                item.getResolvedModel(), item.getListCostNanos());
    }

    static RecordCostsRequest recordRequest(List<UsageEvent> events, List<PricedEvent> priced) {
        RecordCostsRequest.Builder request = RecordCostsRequest.newBuilder();
        for (int i = 0; i < events.size(); i++) {
            UsageEvent event = events.get(i);
            PricedEvent price = priced.get(i);
            CostRecord.Builder record = CostRecord.newBuilder();
            if (!event.reportedCost().isEmpty()) {
                record.setReportedCostNanos(ReportedCost.nanos(event.reportedCost())).setHasReportedCost(true);
            }
            request.addRecords(record
                    .setEventId(event.eventId())
                    .setTenantId(event.tenantId())
                    .setOccurredTime(UsageEventProtos.timestamp(event.occurredTime().orElseThrow()))
                    .setProvider(price.resolvedProvider().isEmpty() ? event.provider() : price.resolvedProvider())
                    .setModel(price.resolvedModel().isEmpty() ? event.model() : price.resolvedModel())
                    .setUsage(UsageEventProtos.tokenUsage(event.usage()))
                    .putAllLabels(event.labels())
                    .setPricingStatus(pricingStatus(price.status()))
                    .setUnpricedReason(price.unpricedReason())
                    .setCostNanos(price.costNanos())
                    .setListCostNanos(price.listCostNanos())
                    .setBreakdown(UsageEventProtos.costBreakdown(price.breakdown()))
                    .setPriceId(price.priceId())
                    .setTraceId(event.traceId())
                    .setServiceTier(UsageEventProtos.serviceTier(event.serviceTier()))
                    .setPromptPrefixHash(event.promptPrefixHash())
                    .setPromptPrefixTokens(event.promptPrefixTokens()));
        }
        return request.build();
    }

    /**
     * An AMEND (or a RERATE, whose new price fields the ledger takes) is recorded like an event, with its target and
     * kind; a VOID carries only its ids.
     */
    static RecordCostsRequest correctionRequest(List<UsageEvent> corrections, List<Optional<PricedEvent>> priced) {
        RecordCostsRequest.Builder request = RecordCostsRequest.newBuilder();
        for (int i = 0; i < corrections.size(); i++) {
            UsageEvent correction = corrections.get(i);
            CostRecord.Builder record = priced.get(i).isPresent()
                    ? recordRequest(List.of(correction), List.of(priced.get(i).get())).getRecords(0).toBuilder()
                    : CostRecord.newBuilder().setEventId(correction.eventId()).setTenantId(correction.tenantId());
            request.addRecords(record.setCorrectsEventId(correction.correction().targetEventId())
                    .setCorrection(switch (correction.correction().kind()) {
                        case AMEND -> CorrectionKind.CORRECTION_KIND_AMEND;
                        case RERATE -> CorrectionKind.CORRECTION_KIND_RERATE;
                        default -> CorrectionKind.CORRECTION_KIND_VOID;
                    }));
        }
        return request.build();
    }

    static CorrectionRecorded correctionRecorded(RecordResult result) {
        if (result.getStatus() == RecordStatus.RECORD_STATUS_TARGET_NOT_FOUND) {
            return new CorrectionRecorded(false, Map.of(), Optional.empty());
        }
        Optional<CorrectionRecorded.Reversed> reversed = Optional.empty();
        if (result.hasReversed()) {
            ReversedEntry entry = result.getReversed();
            Map<String, String> scope = new LinkedHashMap<>(dimensions(entry.getDimensions()));
            scope.put("provider", entry.getProvider());
            scope.put("model", entry.getModel());
            reversed = Optional.of(new CorrectionRecorded.Reversed(entry.getCostNanos(),
                    UsageEventProtos.toInstant(entry.getOccurredTime()), scope, entry.getTotalTokens()));
        }
        return new CorrectionRecorded(true, dimensions(result.getDimensions()), reversed);
    }

    static Map<String, String> dimensions(Dimensions dimensions) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("team", dimensions.getTeam());
        values.put("feature", dimensions.getFeature());
        values.put("customer", dimensions.getCustomer());
        values.put("user", dimensions.getUser());
        values.put("environment", dimensions.getEnvironment());
        // Free tags scope budgets as "tag:<label>"; the api_key label also as "api_key".
        dimensions.getTagsMap().forEach((key, value) -> values.put("tag:" + key, value));
        values.put("api_key", dimensions.getTagsOrDefault("api_key", ""));
        // An unset dimension scopes nothing; attribution normally fills "unattributed" itself.
        values.values().removeIf(String::isEmpty);
        return values;
    }

    static ChargeSpendRequest chargeRequest(List<SpendCharge> charges) {
        ChargeSpendRequest.Builder request = ChargeSpendRequest.newBuilder();
        for (SpendCharge charge : charges) {
            request.addCharges(io.tokenledger.api.budget.v1.SpendCharge.newBuilder()
                    .setEventId(charge.eventId())
                    .setTenantId(charge.tenantId())
                    .setOccurredTime(UsageEventProtos.timestamp(charge.occurredTime()))
                    .putAllDimensions(charge.dimensions())
                    .setCostNanos(charge.costNanos())
                    .setTotalTokens(charge.totalTokens())
                    .setCorrection(charge.correction()));
        }
        return request.build();
    }

    static io.tokenledger.api.common.v1.PricingStatus pricingStatus(PricingStatus status) {
        return status == PricingStatus.PRICED ? io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED
                : io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_UNPRICED;
    }
}

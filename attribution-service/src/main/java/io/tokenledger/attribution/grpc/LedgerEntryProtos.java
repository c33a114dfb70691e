package io.tokenledger.attribution.grpc;

import io.tokenledger.api.attribution.v1.LedgerEntry;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesRequest;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesResponse;
import io.tokenledger.attribution.application.LedgerEntryListing;
import io.tokenledger.attribution.domain.InForceEntry;
import io.tokenledger.attribution.domain.LedgerEntryPage;
import io.tokenledger.attribution.domain.PricingStatus;
import java.util.Optional;

/** Converts ListLedgerEntries messages to and from the domain. */
final class LedgerEntryProtos {

    private LedgerEntryProtos() {
    }

    static ListLedgerEntriesResponse list(ListLedgerEntriesRequest request, LedgerEntryListing listing) {
        LedgerEntryPage page = listing.list(request.getTenantId(),
                request.hasStartTime() ? Optional.of(LedgerProtos.instant(request.getStartTime())) : Optional.empty(),
                request.hasEndTime() ? Optional.of(LedgerProtos.instant(request.getEndTime())) : Optional.empty(),
                request.getPageSize(), request.getPageToken());
        ListLedgerEntriesResponse.Builder response = ListLedgerEntriesResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        page.entries().forEach(entry -> response.addEntries(toProto(entry)));
        return response.build();
    }

    private static LedgerEntry toProto(InForceEntry entry) {
        LedgerEntry.Builder proto = LedgerEntry.newBuilder();
        entry.listCostNanos().ifPresent(list -> proto.setListCostNanos(list).setHasListCost(true));
        return proto
                .setEventId(entry.eventId())
                .setEntryId(entry.entryId())
                .setEntryKind(entry.entryKind())
                .setOccurredTime(LedgerProtos.timestamp(entry.occurredAt()))
                .setProvider(entry.model().provider())
                .setModel(entry.model().model())
                .setUsage(LedgerProtos.toProto(entry.usage()))
                .setDimensions(LedgerProtos.toProto(entry.dimensions()))
                .setServiceTier(switch (entry.serviceTier()) {
                    case BATCH -> io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_BATCH;
                    case PRIORITY -> io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_PRIORITY;
                    case FLEX -> io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_FLEX;
                    default -> io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_STANDARD;
                })
                .setPriceId(entry.priceId())
                .setCostNanos(entry.costNanos())
                .setPricingStatus(entry.pricingStatus() == PricingStatus.PRICED
                        ? io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED
                        : io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_UNPRICED)
                .setUnpricedReason(entry.unpricedReason())
                .build();
    }
}

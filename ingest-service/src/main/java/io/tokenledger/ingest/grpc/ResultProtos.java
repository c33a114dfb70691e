package io.tokenledger.ingest.grpc;

import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.platform.money.ProtoMoney;
import java.util.List;

/** Domain results to the RecordUsage response. */
final class ResultProtos {

    private ResultProtos() {
    }

    static RecordUsageResponse toProto(List<io.tokenledger.ingest.domain.EventResult> results) {
        RecordUsageResponse.Builder response = RecordUsageResponse.newBuilder();
        results.forEach(r -> response.addResults(toProto(r)));
        return response.build();
    }

    static EventResult toProto(io.tokenledger.ingest.domain.EventResult result) {
        EventResult.Builder proto = EventResult.newBuilder()
                .setEventId(result.eventId())
                .setStatus(switch (result.status()) {
                    case RECORDED -> EventStatus.EVENT_STATUS_RECORDED;
                    case DUPLICATE -> EventStatus.EVENT_STATUS_DUPLICATE;
                    case QUEUED -> EventStatus.EVENT_STATUS_QUEUED;
                });
        if (result.outcome().isPresent()) {
            Outcome outcome = result.outcome().get();
            proto.setPricingStatus(outcome.pricingStatus() == io.tokenledger.ingest.domain.PricingStatus.PRICED
                            ? PricingStatus.PRICING_STATUS_PRICED : PricingStatus.PRICING_STATUS_UNPRICED)
                    .setUnpricedReason(outcome.unpricedReason())
                    .setCost(ProtoMoney.of(outcome.costNanos()))
                    .setCostNanos(outcome.costNanos());
        }
        return proto.build();
    }
}

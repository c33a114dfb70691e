package io.tokenledger.attribution.grpc;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;

import java.time.Instant;
import java.util.Map;

/** Builders of CostRecord messages for the component tests. */
final class Records {

    private Records() {
    }

    static Timestamp at(String instant) {
        Instant parsed = Instant.parse(instant);
        return Timestamp.newBuilder().setSeconds(parsed.getEpochSecond()).setNanos(parsed.getNano()).build();
    }

    /** A priced record with input and output tokens and their costs in nano-USD. */
    static CostRecord priced(String tenant, String eventId, String occurred, String provider, String model,
                             long input, long inputNanos, long output, long outputNanos, Map<String, String> labels) {
        return CostRecord.newBuilder()
                .setTenantId(tenant).setEventId(eventId).setOccurredTime(at(occurred))
                .setProvider(provider).setModel(model)
                .setUsage(TokenUsage.newBuilder().setInputTokens(input).setOutputTokens(output).setRequests(1))
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(inputNanos).setOutputNanos(outputNanos))
                .setCostNanos(inputNanos + outputNanos)
                .setPricingStatus(PricingStatus.PRICING_STATUS_PRICED)
                .setPriceId("price-" + model)
                .putAllLabels(labels)
                .build();
    }

    /** {@link #priced} at the public list price: the list cost equals the cost, as ingest records it then. */
    static CostRecord listPriced(String tenant, String eventId, String occurred, String provider, String model,
                                 long input, long inputNanos, long output, long outputNanos,
                                 Map<String, String> labels) {
        CostRecord record = priced(tenant, eventId, occurred, provider, model, input, inputNanos, output, outputNanos,
                labels);
        return record.toBuilder().setListCostNanos(record.getCostNanos()).build();
    }
}

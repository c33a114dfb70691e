package io.tokenledger.ingest.fakes;

import io.grpc.Status;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.pricing.v1.PriceItem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/** What the fake downstream services received, and the failure the fake attribution is told to answer. */
public final class Fakes {

    public static final ConcurrentLinkedQueue<PriceItem> PRICED = new ConcurrentLinkedQueue<>();
    /** Records attribution accepted (not those it failed). */
    public static final ConcurrentLinkedQueue<CostRecord> RECORDED = new ConcurrentLinkedQueue<>();
    public static final ConcurrentLinkedQueue<SpendCharge> CHARGED = new ConcurrentLinkedQueue<>();
    public static final AtomicReference<Status> ATTRIBUTION_FAILURE = new AtomicReference<>();
    /** The tenant of the first record of every RecordCosts call, failed or not. */
    public static final ConcurrentLinkedQueue<String> RECORD_CALLS = new ConcurrentLinkedQueue<>();

    private Fakes() {
    }

    public static List<PriceItem> pricedFor(String tenant) {
        return PRICED.stream().filter(i -> i.getTenantId().equals(tenant)).toList();
    }

    public static List<CostRecord> recordedFor(String tenant) {
        return RECORDED.stream().filter(r -> r.getTenantId().equals(tenant)).toList();
    }

    public static List<SpendCharge> chargedFor(String tenant) {
        return CHARGED.stream().filter(c -> c.getTenantId().equals(tenant)).toList();
    }

    public static long recordCallsFor(String tenant) {
        return RECORD_CALLS.stream().filter(tenant::equals).count();
    }

    public static Optional<Status> attributionFailure() {
        return Optional.ofNullable(ATTRIBUTION_FAILURE.get());
    }
}

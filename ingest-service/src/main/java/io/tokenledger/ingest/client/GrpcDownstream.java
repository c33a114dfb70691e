package io.tokenledger.ingest.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordCostsResponse;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.pricing.v1.PriceUsageRequest;
import io.tokenledger.api.pricing.v1.PriceUsageResponse;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc;
import io.tokenledger.ingest.application.Downstream;
import io.tokenledger.ingest.application.DownstreamFailure;
import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.CorrectionRecorded;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.channels.ClosedChannelException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Pricing, attribution and budget over blocking gRPC stubs, one batch call each, every call with a deadline. */
@ApplicationScoped
public class GrpcDownstream implements Downstream {

    /** The codes that say the service is down or overloaded: every call fails alike until it is back. */
    private static final Set<Status.Code> OUTAGE = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED);
    /** Errors answered that may heal by themselves (a deadlock, a failover), logged as warnings. */
    private static final Set<Status.Code> TRANSIENT = EnumSet.of(Status.Code.ABORTED, Status.Code.INTERNAL);

    private final PricingServiceGrpc.PricingServiceBlockingStub pricing;
    private final AttributionServiceGrpc.AttributionServiceBlockingStub attribution;
    private final BudgetServiceGrpc.BudgetServiceBlockingStub budget;
    private final long deadlineMillis;

    public GrpcDownstream(@GrpcClient("pricing") PricingServiceGrpc.PricingServiceBlockingStub pricing,
            @GrpcClient("attribution") AttributionServiceGrpc.AttributionServiceBlockingStub attribution,
            @GrpcClient("budget") BudgetServiceGrpc.BudgetServiceBlockingStub budget, IngestConfig config) {
        this.pricing = pricing;
        this.attribution = attribution;
        this.budget = budget;
        this.deadlineMillis = config.pipeline().deadline().toMillis();
    }

    @Override
    public List<PricedEvent> price(List<UsageEvent> events) {
        PriceUsageRequest request = DownstreamProtos.priceRequest(events);
        PriceUsageResponse response = call("pricing", () -> pricing
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).priceUsage(request));
        expectSize("pricing", events.size(), response.getItemsCount());
        return response.getItemsList().stream().map(DownstreamProtos::priced).toList();
    }

    @Override
    public List<Map<String, String>> record(List<UsageEvent> events, List<PricedEvent> priced) {
        RecordCostsRequest request = DownstreamProtos.recordRequest(events, priced);
        RecordCostsResponse response = call("attribution", () -> attribution
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).recordCosts(request));
        expectSize("attribution", events.size(), response.getResultsCount());
        return response.getResultsList().stream().map(r -> DownstreamProtos.dimensions(r.getDimensions())).toList();
    }

    @Override
    public List<CorrectionRecorded> recordCorrections(List<UsageEvent> corrections,
            List<Optional<PricedEvent>> priced) {
        RecordCostsRequest request = DownstreamProtos.correctionRequest(corrections, priced);
        RecordCostsResponse response = call("attribution", () -> attribution
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).recordCosts(request));
        expectSize("attribution", corrections.size(), response.getResultsCount());
        return response.getResultsList().stream().map(DownstreamProtos::correctionRecorded).toList();
    }

    @Override
    public void charge(List<SpendCharge> charges) {
        ChargeSpendRequest request = DownstreamProtos.chargeRequest(charges);
        ChargeSpendResponse response = call("budget", () -> budget
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).chargeSpend(request));
        expectSize("budget", charges.size(), response.getResultsCount());
    }

    private static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            String message = service + " failed: " + status.getCode()
                    + (status.getDescription() == null ? "" : " " + status.getDescription());
            if (OUTAGE.contains(status.getCode()) || closedConnection(e)) {
                throw DownstreamFailure.outage(message, e);
            }
            throw DownstreamFailure.answered(message, TRANSIENT.contains(status.getCode()), e);
        }
    }

    /** grpc-java answers UNKNOWN when the peer dies while a call starts (grpc/grpc-java#10120): a retry is due. */
    private static boolean closedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static void expectSize(String service, int expected, int actual) {
        if (expected != actual) {
            throw DownstreamFailure.answered(service + " answered " + actual + " results for " + expected + " items",
                    false, null);
        }
    }
}

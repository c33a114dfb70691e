package io.tokenledger.cli.infra;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Plaintext gRPC channels to the four services; every call sets its own deadline. */
public final class Clients implements AutoCloseable {

    private static final int MAX_MESSAGE = 64 * 1024 * 1024;
    private final ManagedChannel ingest;
    private final ManagedChannel pricing;
    private final ManagedChannel attribution;
    private final ManagedChannel budget;

    public Clients(RunningServices services) {
        this.ingest = channel(services.ingestPort());
        this.pricing = channel(services.pricingPort());
        this.attribution = channel(services.attributionPort());
        this.budget = channel(services.budgetPort());
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE).build();
    }

    public IngestServiceGrpc.IngestServiceBlockingStub ingest(long deadlineSeconds) {
        return IngestServiceGrpc.newBlockingStub(ingest).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
    }

    /** The ingest channel itself, for calls made without a generated stub (pre-encoded requests). */
    public io.grpc.Channel ingestChannel() {
        return ingest;
    }

    public PricingServiceGrpc.PricingServiceBlockingStub pricing() {
        return PricingServiceGrpc.newBlockingStub(pricing).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public AttributionServiceGrpc.AttributionServiceBlockingStub attribution() {
        return AttributionServiceGrpc.newBlockingStub(attribution).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    public BudgetServiceGrpc.BudgetServiceBlockingStub budget() {
        return BudgetServiceGrpc.newBlockingStub(budget).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (ManagedChannel channel : List.of(ingest, pricing, attribution, budget)) {
            channel.shutdownNow();
        }
    }
}

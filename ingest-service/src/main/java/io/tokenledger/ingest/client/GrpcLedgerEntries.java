package io.tokenledger.ingest.client;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.LedgerEntry;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesRequest;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesResponse;
import io.tokenledger.ingest.application.DownstreamFailure;
import io.tokenledger.ingest.application.LedgerEntries;
import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.LedgerEntryPage;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Attribution's ListLedgerEntries over the blocking stub, with the pipeline's deadline. */
@jakarta.enterprise.context.ApplicationScoped
public class GrpcLedgerEntries implements LedgerEntries {

    private final AttributionServiceGrpc.AttributionServiceBlockingStub attribution;
    private final long deadlineMillis;

    public GrpcLedgerEntries(@GrpcClient("attribution") AttributionServiceGrpc.AttributionServiceBlockingStub attribution,
            IngestConfig config) {
        this.attribution = attribution;
        this.deadlineMillis = config.pipeline().deadline().toMillis();
    }

    @Override
    public LedgerEntryPage page(String tenantId, Instant start, Instant end, int pageSize, String pageToken) {
        ListLedgerEntriesRequest request = ListLedgerEntriesRequest.newBuilder().setTenantId(tenantId)
                .setStartTime(UsageEventProtos.timestamp(start)).setEndTime(UsageEventProtos.timestamp(end))
                .setPageSize(pageSize).setPageToken(pageToken).build();
        ListLedgerEntriesResponse response;
        try {
            response = attribution.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).listLedgerEntries(request);
        } catch (StatusRuntimeException e) {
            throw DownstreamFailure.answered("attribution failed: " + e.getStatus(), true, e);
        }
        return new LedgerEntryPage(response.getEntriesList().stream().map(GrpcLedgerEntries::entry).toList(),
                response.getNextPageToken());
    }

    private static io.tokenledger.ingest.domain.LedgerEntry entry(LedgerEntry entry) {
        return new io.tokenledger.ingest.domain.LedgerEntry(entry.getEventId(),
                UsageEventProtos.toInstant(entry.getOccurredTime()), entry.getProvider(), entry.getModel(),
                UsageEventProtos.counts(entry.getUsage()), UsageEventProtos.serviceTier(entry.getServiceTier()),
                entry.getPriceId(), entry.getCostNanos(),
                entry.getPricingStatus() == io.tokenledger.api.common.v1.PricingStatus.PRICING_STATUS_PRICED
                        ? PricingStatus.PRICED : PricingStatus.UNPRICED);
    }
}

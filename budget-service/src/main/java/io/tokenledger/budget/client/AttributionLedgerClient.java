package io.tokenledger.budget.client;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.Granularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.budget.application.LedgerSpend;
import io.tokenledger.budget.domain.Window;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a budget window's spend from attribution-service's ledger with QueryCost (one total row). */
@ApplicationScoped
public class AttributionLedgerClient implements LedgerSpend {

    private static final long DEADLINE_MILLIS = 10_000;

    private final AttributionServiceGrpc.AttributionServiceBlockingStub attribution;

    public AttributionLedgerClient(@GrpcClient("attribution") AttributionServiceGrpc.AttributionServiceBlockingStub attribution) {
        this.attribution = attribution;
    }

    @Override
    public long spent(String tenant, Map<String, String> scope, Window window) {
        QueryCostRequest request = QueryCostRequest.newBuilder()
                .setTenantId(tenant)
                .setStartTime(timestamp(window.start()))
                .setEndTime(timestamp(window.end()))
                .putAllFilters(scope)
                .setGranularity(Granularity.GRANULARITY_TOTAL)
                .build();
        try {
            return attribution.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS).queryCost(request).getTotal().getCostNanos();
        } catch (StatusRuntimeException e) {
            throw new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE",
                    "attribution-service could not be queried (" + e.getStatus().getCode() + "); retry later", e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}

package io.tokenledger.budget.client;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc;
import io.tokenledger.api.attribution.v1.Granularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.CostRow;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.budget.application.LedgerSpend;
import io.tokenledger.budget.domain.Scope;
import io.tokenledger.budget.application.TokenTotals;
import io.tokenledger.budget.domain.Window;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a budget window's spend (cost and tokens) from attribution-service's ledger with QueryCost. */
@ApplicationScoped
public class AttributionLedgerClient implements LedgerSpend {

    private static final long DEADLINE_MILLIS = 10_000;

    private final AttributionServiceGrpc.AttributionServiceBlockingStub attribution;

    public AttributionLedgerClient(@GrpcClient("attribution") AttributionServiceGrpc.AttributionServiceBlockingStub attribution) {
        this.attribution = attribution;
    }

    @Override
    public Spent total(String tenant, Map<String, String> scope, Window window) {
        CostRow total = query(tenant, scope, window, Granularity.GRANULARITY_TOTAL).getTotal();
        return new Spent(window.start(), total.getCostNanos(), TokenTotals.of(total.getTokens()));
    }

    @Override
    public List<Spent> byHour(String tenant, Map<String, String> scope, Window window) {
        List<Spent> hours = new ArrayList<>();
        for (CostRow row : query(tenant, scope, window, Granularity.GRANULARITY_HOUR).getRowsList()) {
            Instant start = Instant.ofEpochSecond(row.getBucketStartTime().getSeconds(), row.getBucketStartTime().getNanos());
            hours.add(new Spent(start, row.getCostNanos(), TokenTotals.of(row.getTokens())));
        }
        hours.sort(Comparator.comparing(Spent::start));
        return hours;
    }

    private QueryCostResponse query(String tenant, Map<String, String> scope, Window window, Granularity granularity) {
        QueryCostRequest request = QueryCostRequest.newBuilder()
                .setTenantId(tenant)
                .setStartTime(timestamp(window.start()))
                .setEndTime(timestamp(window.end()))
                .putAllFilters(filters(scope))
                .setGranularity(granularity)
                .setTimeZone("UTC")
                .build();
        try {
            return attribution.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS).queryCost(request);
        } catch (StatusRuntimeException e) {
            throw new TokenLedgerException.Unavailable("LEDGER_UNAVAILABLE",
                    "attribution-service could not be queried (" + e.getStatus().getCode() + "); retry later", e);
        }
    }

    /** The ledger's filter names: the api_key label is a free tag there. */
    static Map<String, String> filters(Map<String, String> scope) {
        Map<String, String> filters = new java.util.LinkedHashMap<>(scope);
        String apiKey = filters.remove("api_key");
        if (apiKey != null) {
            filters.put(Scope.TAG_PREFIX + "api_key", apiKey);
        }
        return filters;
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}

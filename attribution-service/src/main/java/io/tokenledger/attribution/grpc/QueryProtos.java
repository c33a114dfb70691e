package io.tokenledger.attribution.grpc;

import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.attribution.domain.CostReport;
import io.tokenledger.attribution.domain.CostRow;
import io.tokenledger.attribution.domain.CostTotals;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.platform.money.ProtoMoney;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Converts QueryCost messages to and from the domain. */
final class QueryProtos {

    private QueryProtos() {
    }

    static Optional<Instant> start(QueryCostRequest request) {
        return request.hasStartTime() ? Optional.of(LedgerProtos.instant(request.getStartTime())) : Optional.empty();
    }

    static Optional<Instant> end(QueryCostRequest request) {
        return request.hasEndTime() ? Optional.of(LedgerProtos.instant(request.getEndTime())) : Optional.empty();
    }

    static Granularity granularity(io.tokenledger.api.attribution.v1.Granularity granularity) {
        switch (granularity) {
            case GRANULARITY_HOUR: return Granularity.HOUR;
            case GRANULARITY_DAY: return Granularity.DAY;
            case GRANULARITY_WEEK: return Granularity.WEEK;
            case GRANULARITY_MONTH: return Granularity.MONTH;
            default: return Granularity.TOTAL;
        }
    }

    static QueryCostResponse toProto(CostReport report) {
        QueryCostResponse.Builder response = QueryCostResponse.newBuilder();
        for (CostRow row : report.rows()) {
            response.addRows(row(row.groupValues(), row.bucketStart(), row.totals()));
        }
        return response.setTotal(row(List.of(), Optional.empty(), report.total())).build();
    }

    private static io.tokenledger.api.attribution.v1.CostRow row(List<String> values, Optional<Instant> bucket,
                                                                  CostTotals totals) {
        io.tokenledger.api.attribution.v1.CostRow.Builder row = io.tokenledger.api.attribution.v1.CostRow.newBuilder()
                .addAllGroupValues(values)
                .setCost(ProtoMoney.of(totals.costNanos()))
                .setCostNanos(totals.costNanos())
                .setTokens(LedgerProtos.toProto(totals.tokens()))
                .setBreakdown(LedgerProtos.breakdownToProto(totals.breakdown()))
                .setEventCount(totals.eventCount())
                .setUnpricedCount(totals.unpricedCount());
        bucket.ifPresent(start -> row.setBucketStartTime(LedgerProtos.timestamp(start)));
        return row.build();
    }
}

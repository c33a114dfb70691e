package io.tokenledger.attribution.grpc;

import io.tokenledger.api.attribution.v1.ReconcileReportedCostRequest;
import io.tokenledger.api.attribution.v1.ReconcileReportedCostResponse;
import io.tokenledger.api.attribution.v1.ReconciliationRow;
import io.tokenledger.attribution.domain.Reconciliation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Converts ReconcileReportedCost messages to and from the domain. */
final class ReconciliationProtos {

    private ReconciliationProtos() {
    }

    static Optional<Instant> start(ReconcileReportedCostRequest request) {
        return request.hasStartTime() ? Optional.of(LedgerProtos.instant(request.getStartTime())) : Optional.empty();
    }

    static Optional<Instant> end(ReconcileReportedCostRequest request) {
        return request.hasEndTime() ? Optional.of(LedgerProtos.instant(request.getEndTime())) : Optional.empty();
    }

    static ReconcileReportedCostResponse toProto(List<Reconciliation> rows) {
        ReconcileReportedCostResponse.Builder response = ReconcileReportedCostResponse.newBuilder();
        rows.forEach(row -> response.addRows(toProto(row)));
        return response.setTotal(toProto(Reconciliation.total(rows))).build();
    }

    private static ReconciliationRow toProto(Reconciliation row) {
        return ReconciliationRow.newBuilder()
                .setProvider(row.provider())
                .setModel(row.model())
                .setEventCount(row.eventCount())
                .setReportedEventCount(row.reportedEventCount())
                .setReportedCostNanos(row.reportedCostNanos())
                .setCostNanos(row.costNanos())
                .setDifferenceNanos(row.differenceNanos())
                .setUnpricedCount(row.unpricedCount())
                .build();
    }
}

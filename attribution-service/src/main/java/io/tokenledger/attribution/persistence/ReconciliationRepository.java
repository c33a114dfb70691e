package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.ReportedCostLedger;
import io.tokenledger.attribution.domain.Reconciliation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reported against own cost, from the ledger: the tenant's ordinary (USAGE) events in the period, each with its
 * cost in force (its own cost plus its correction entries': a voided event counts 0, an amended or re-rated one
 * its new cost), grouped by the provider and model it was priced as. The reported cost is the USAGE row's.
 */
@ApplicationScoped
public class ReconciliationRepository implements ReportedCostLedger {

    static final String SQL = "WITH usage AS ("
            + " SELECT event_id, provider, model, cost_nanos, pricing_status, reported_cost_nanos"
            + " FROM attribution.cost_ledger"
            + " WHERE tenant_id = ? AND entry_kind = 'USAGE' AND occurred_at >= ? AND occurred_at < ?),"
            + " corrections AS ("
            + " SELECT corrects_event_id AS event_id, SUM(cost_nanos) AS cost_nanos FROM attribution.cost_ledger"
            + " WHERE tenant_id = ? AND corrects_event_id IN"
            + " (SELECT event_id FROM usage WHERE reported_cost_nanos IS NOT NULL)"
            + " GROUP BY corrects_event_id)"
            + " SELECT u.provider, u.model, COUNT(*), COUNT(u.reported_cost_nanos),"
            + " COALESCE(SUM(u.reported_cost_nanos), 0),"
            + " COALESCE(SUM(u.cost_nanos + COALESCE(c.cost_nanos, 0)) FILTER (WHERE u.reported_cost_nanos IS NOT NULL), 0),"
            + " COUNT(*) FILTER (WHERE u.reported_cost_nanos IS NOT NULL AND u.pricing_status = 'UNPRICED')"
            + " FROM usage u LEFT JOIN corrections c ON c.event_id = u.event_id"
            + " GROUP BY u.provider, u.model HAVING COUNT(u.reported_cost_nanos) > 0"
            + " ORDER BY u.provider, u.model";

    private final DataSource dataSource;

    public ReconciliationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Reconciliation> reconcile(String tenantId, Instant start, Instant end) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SQL)) {
            select.setString(1, tenantId);
            select.setTimestamp(2, Timestamp.from(start));
            select.setTimestamp(3, Timestamp.from(end));
            select.setString(4, tenantId);
            List<Reconciliation> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Reconciliation(result.getString(1), result.getString(2), result.getLong(3),
                            result.getLong(4), result.getLong(5), result.getLong(6), result.getLong(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reconcile reported costs", e);
        }
    }
}

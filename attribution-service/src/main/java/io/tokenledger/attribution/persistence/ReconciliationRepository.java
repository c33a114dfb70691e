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
 * Reported against own cost, from the ledger: the tenant's ordinary (USAGE) events in the period, each read with
 * its correction chain. Per event: in force = {@code SUM(event_count)} of the chain (1, or 0 when voided), its cost
 * in force = {@code SUM(cost_nanos)} of the chain (a REVERSAL negates what it reverses), the provider, model and
 * pricing status of the newest entry (USAGE rows have no entry_seq and are the oldest), the reported cost the
 * USAGE row's (correction entries carry none). A voided event leaves every column: it is no event.
 */
@ApplicationScoped
public class ReconciliationRepository implements ReportedCostLedger {

    static final String SQL = "WITH usage AS ("
            + " SELECT event_id, provider, model, pricing_status, cost_nanos, event_count, entry_seq,"
            + " reported_cost_nanos FROM attribution.cost_ledger"
            + " WHERE tenant_id = ? AND entry_kind = 'USAGE' AND occurred_at >= ? AND occurred_at < ?),"
            + " chain AS (SELECT * FROM usage UNION ALL"
            + " SELECT corrects_event_id, provider, model, pricing_status, cost_nanos, event_count, entry_seq, NULL"
            + " FROM attribution.cost_ledger"
            + " WHERE tenant_id = ? AND corrects_event_id IN (SELECT event_id FROM usage)),"
            + " events AS (SELECT event_id, SUM(event_count) AS in_force, SUM(cost_nanos) AS cost,"
            + " MAX(reported_cost_nanos) AS reported,"
            + " (array_agg(provider ORDER BY entry_seq DESC NULLS LAST))[1] AS provider,"
            + " (array_agg(model ORDER BY entry_seq DESC NULLS LAST))[1] AS model,"
            + " (array_agg(pricing_status ORDER BY entry_seq DESC NULLS LAST))[1] AS pricing_status"
            + " FROM chain GROUP BY event_id),"
            + " flagged AS (SELECT *, in_force > 0 AND reported IS NOT NULL AS compared FROM events)"
            + " SELECT provider, model, SUM(in_force)::bigint, COUNT(*) FILTER (WHERE compared),"
            + " COALESCE(SUM(reported) FILTER (WHERE compared), 0)::bigint,"
            + " COALESCE(SUM(cost) FILTER (WHERE compared), 0)::bigint,"
            + " COUNT(*) FILTER (WHERE compared AND pricing_status = 'UNPRICED')"
            + " FROM flagged GROUP BY provider, model HAVING COUNT(*) FILTER (WHERE compared) > 0"
            + " ORDER BY provider, model";

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

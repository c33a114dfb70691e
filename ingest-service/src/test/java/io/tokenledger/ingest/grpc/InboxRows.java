package io.tokenledger.ingest.grpc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads ingest.inbox directly, to check what the service stored. */
final class InboxRows {

    record Row(String eventId, String status, int attempts, String pricingStatus, Long costNanos, String lastError) {
    }

    private InboxRows() {
    }

    static List<Row> of(DataSource dataSource, String tenant) {
        String sql = "SELECT event_id, status, attempts, pricing_status, cost_nanos, last_error FROM ingest.inbox"
                + " WHERE tenant_id = ? ORDER BY received_at, event_id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            (Long) rs.getObject(5), rs.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

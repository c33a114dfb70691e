package io.tokenledger.ingest.otlp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads ingest.inbox directly: "event_id status pricing_status cost_nanos" per stored event of a tenant. */
final class InboxEvents {

    private InboxEvents() {
    }

    static String newTenant() {
        return "otel-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<String> of(DataSource dataSource, String tenant) {
        String sql = "SELECT event_id, status, pricing_status, cost_nanos FROM ingest.inbox WHERE tenant_id = ?"
                + " ORDER BY event_id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

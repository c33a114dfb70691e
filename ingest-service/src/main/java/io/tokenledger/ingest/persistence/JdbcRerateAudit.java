package io.tokenledger.ingest.persistence;

import io.tokenledger.ingest.application.RerateAudit;
import io.tokenledger.ingest.domain.RerateFigures;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** The re-rating runs' audit rows ({@code ingest.rerate_run}, V2). */
@ApplicationScoped
public class JdbcRerateAudit implements RerateAudit {

    private static final String START = "INSERT INTO ingest.rerate_run (run_id, tenant_id, period_start, period_end,"
            + " requested_at, status) VALUES (?, ?, ?, ?, ?, 'RUNNING')";
    private static final String FINISH = "UPDATE ingest.rerate_run SET status = ?, finished_at = ?,"
            + " events_examined = ?, events_changed = ?, old_total_nanos = ?, new_total_nanos = ?,"
            + " unpriced_before = ?, unpriced_after = ?, error = ? WHERE run_id = ?";

    private final DataSource dataSource;

    public JdbcRerateAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void started(String runId, String tenantId, Instant start, Instant end, Instant requestedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(START)) {
            statement.setString(1, runId);
            statement.setString(2, tenantId);
            statement.setObject(3, utc(start));
            statement.setObject(4, utc(end));
            statement.setObject(5, utc(requestedAt));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the re-rating run " + runId, e);
        }
    }

    @Override
    public void finished(String runId, RerateFigures figures, boolean done, String error, Instant finishedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FINISH)) {
            statement.setString(1, done ? "DONE" : "FAILED");
            statement.setObject(2, utc(finishedAt));
            statement.setLong(3, figures.examined());
            statement.setLong(4, figures.changed());
            statement.setLong(5, figures.oldTotalNanos());
            statement.setLong(6, figures.newTotalNanos());
            statement.setLong(7, figures.unpricedBefore());
            statement.setLong(8, figures.unpricedAfter());
            statement.setString(9, error.isEmpty() ? null : error);
            statement.setString(10, runId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot finish the re-rating run " + runId, e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package io.tokenledger.budget.persistence;

import io.tokenledger.budget.domain.OpenReservation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reservations in {@code budget.reservations}. Writes are upserts, so a reservation and its settle may arrive in
 * either order (from different replicas) and a retried batch changes nothing.
 */
@ApplicationScoped
public class ReservationRepository {

    /** A settle of a reservation: who settled it and when. */
    public record Settle(String tenantId, String reservationId, Instant at) {
    }

    private final DataSource dataSource;

    public ReservationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes admitted reservations and settles in one transaction (reservations first). */
    public void write(List<OpenReservation> opened, List<Settle> settled) {
        String open = "INSERT INTO budget.reservations (id, tenant, record, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, created_at = EXCLUDED.created_at,"
                + " expires_at = EXCLUDED.expires_at";
        String settle = "INSERT INTO budget.reservations (id, tenant, settled_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET settled_at = COALESCE(budget.reservations.settled_at, EXCLUDED.settled_at)";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(open)) {
                for (OpenReservation r : opened) {
                    ps.setString(1, r.id());
                    ps.setString(2, r.tenantId());
                    ps.setString(3, r.record());
                    Sql.setInstant(ps, 4, r.createdAt());
                    Sql.setInstant(ps, 5, r.expiresAt());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(settle)) {
                for (Settle s : settled) {
                    ps.setString(1, s.reservationId());
                    ps.setString(2, s.tenantId());
                    Sql.setInstant(ps, 3, s.at());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw Sql.failure("write reservations", e);
        }
    }

    /** The tenant's reservations that are neither settled nor expired at {@code now}. */
    public List<OpenReservation> open(String tenant, Instant now) {
        String sql = "SELECT id, tenant, record, created_at, expires_at FROM budget.reservations"
                + " WHERE tenant = ? AND settled_at IS NULL AND record IS NOT NULL AND expires_at > ? ORDER BY created_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            Sql.setInstant(ps, 2, now);
            List<OpenReservation> open = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(new OpenReservation(rs.getString("id"), rs.getString("tenant"), rs.getString("record"),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at")));
                }
            }
            return open;
        } catch (SQLException e) {
            throw Sql.failure("read open reservations", e);
        }
    }

    /** Deletes reservations that expired before {@code before} (settled or not); returns how many. */
    public int purgeExpired(Instant before) {
        String sql = "DELETE FROM budget.reservations WHERE expires_at < ? OR (expires_at IS NULL AND settled_at < ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setInstant(ps, 1, before);
            Sql.setInstant(ps, 2, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("purge reservations", e);
        }
    }
}

package io.tokenledger.budget.persistence;

import io.tokenledger.budget.domain.PendingDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The webhook outbox: claiming due deliveries and recording each attempt. */
@ApplicationScoped
public class WebhookDeliveryRepository {

    private final DataSource dataSource;
    private final SecretCipher cipher;

    public WebhookDeliveryRepository(DataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /**
     * Claims up to {@code limit} due PENDING deliveries: locked with SKIP LOCKED so concurrent workers (other
     * replicas) take different rows, then leased by pushing next_attempt_at forward, so that no other worker picks
     * them while this one posts outside the transaction. A worker that dies leaves them due again after the lease.
     */
    public List<PendingDelivery> claimDue(Instant now, Duration lease, int limit) {
        String select = "SELECT d.id AS delivery_id, d.attempts, w.url, w.secret_encrypted, "
                + BudgetEventRepository.EVENT_COLUMNS
                + " FROM budget.webhook_deliveries d"
                + " JOIN budget.budget_events e ON e.id = d.budget_event_id"
                + " JOIN budget.budgets b ON b.id = e.budget_id"
                + " JOIN budget.webhook_endpoints w ON w.id = d.endpoint_id"
                + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
                + " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED";
        String leaseSql = "UPDATE budget.webhook_deliveries SET next_attempt_at = ? WHERE id = ANY (?)";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<PendingDelivery> due = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(select)) {
                    Sql.setInstant(ps, 1, now);
                    ps.setInt(2, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(new PendingDelivery(rs.getLong("delivery_id"), rs.getInt("attempts"),
                                    BudgetEventRepository.toEvent(rs), rs.getString("url"),
                                    cipher.decrypt(rs.getBytes("secret_encrypted"))));
                        }
                    }
                }
                if (!due.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(leaseSql)) {
                        Sql.setInstant(ps, 1, now.plus(lease));
                        ps.setArray(2, c.createArrayOf("int8", due.stream().map(PendingDelivery::deliveryId).toArray()));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return due;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("claim webhook deliveries", e);
        }
    }

    /**
     * Records one attempt and its outcome: DELIVERED, PENDING again at {@code nextAttempt}, or FAILED when
     * {@code nextAttempt} is empty (given up).
     */
    public void recordAttempt(long deliveryId, Instant attemptedAt, Optional<Integer> httpStatus, Optional<String> error,
                              boolean delivered, Optional<Instant> nextAttempt) {
        String attempt = "INSERT INTO budget.webhook_attempts (delivery_id, attempted_at, http_status, error) VALUES (?, ?, ?, ?)";
        String update = "UPDATE budget.webhook_deliveries SET attempts = attempts + 1, status = ?, last_error = ?,"
                + " delivered_at = ?::timestamptz, next_attempt_at = COALESCE(?::timestamptz, next_attempt_at) WHERE id = ?";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement(attempt); PreparedStatement upd = c.prepareStatement(update)) {
                ins.setLong(1, deliveryId);
                Sql.setInstant(ins, 2, attemptedAt);
                if (httpStatus.isPresent()) {
                    ins.setInt(3, httpStatus.get());
                } else {
                    ins.setNull(3, Types.INTEGER);
                }
                ins.setString(4, error.orElse(null));
                ins.executeUpdate();
                upd.setString(1, delivered ? "DELIVERED" : nextAttempt.isPresent() ? "PENDING" : "FAILED");
                upd.setString(2, error.orElse(null));
                if (delivered) {
                    Sql.setInstant(upd, 3, attemptedAt);
                } else {
                    upd.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                if (nextAttempt.isPresent()) {
                    Sql.setInstant(upd, 4, nextAttempt.get());
                } else {
                    upd.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                upd.setLong(5, deliveryId);
                upd.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("record webhook attempt", e);
        }
    }
}

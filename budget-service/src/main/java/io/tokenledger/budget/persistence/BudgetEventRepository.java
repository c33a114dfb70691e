package io.tokenledger.budget.persistence;

import io.tokenledger.budget.domain.BudgetEvent;
import io.tokenledger.budget.domain.Ids;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.domain.PageToken;
import io.tokenledger.budget.domain.ThresholdCrossing;
import io.tokenledger.budget.domain.Window;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Threshold events and, in the same transaction, their webhook outbox rows. */
@ApplicationScoped
public class BudgetEventRepository {

    static final String EVENT_COLUMNS = "e.seq, e.id, e.budget_id, e.tenant, b.display_name, b.scope::text AS scope,"
            + " e.threshold, e.window_start, e.window_end, e.limit_nanos, e.spent_nanos, e.created_at,"
            + " b.limit_tokens > 0 AS counts_tokens";

    private final DataSource dataSource;

    public BudgetEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes each crossing once (a crossing already recorded for its budget, window and threshold is skipped) and
     * queues one delivery per webhook endpoint of the tenant for every event actually written. One transaction,
     * two statements, whatever the number of crossings.
     *
     * @return the ids of the events written
     */
    public List<String> recordCrossings(List<ThresholdCrossing> crossings, Instant now) {
        if (crossings.isEmpty()) {
            return List.of();
        }
        StringBuilder insert = new StringBuilder("INSERT INTO budget.budget_events (id, budget_id, tenant, threshold,"
                + " window_start, window_end, limit_nanos, spent_nanos, created_at) VALUES ");
        for (int i = 0; i < crossings.size(); i++) {
            insert.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        insert.append(" ON CONFLICT (budget_id, window_start, threshold) DO NOTHING RETURNING id");
        String enqueue = "INSERT INTO budget.webhook_deliveries (budget_event_id, endpoint_id, status, attempts, next_attempt_at)"
                + " SELECT e.id, w.id, 'PENDING', 0, ? FROM budget.budget_events e"
                + " JOIN budget.webhook_endpoints w ON w.tenant = e.tenant WHERE e.id = ANY (?)"
                + " ON CONFLICT (budget_event_id, endpoint_id) DO NOTHING";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> written = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(insert.toString())) {
                    int p = 1;
                    for (ThresholdCrossing crossing : crossings) {
                        ps.setString(p++, Ids.newId("bev"));
                        ps.setString(p++, crossing.budget().id());
                        ps.setString(p++, crossing.budget().tenantId());
                        ps.setInt(p++, crossing.thresholdPercent());
                        Sql.setInstant(ps, p++, crossing.window().start());
                        Sql.setInstant(ps, p++, crossing.window().end());
                        // In the budget's unit: tokens for a token budget (the event reads the unit from the budget).
                        ps.setLong(p++, crossing.budget().limit());
                        ps.setLong(p++, crossing.spentNanos());
                        Sql.setInstant(ps, p++, now);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            written.add(rs.getString(1));
                        }
                    }
                }
                if (!written.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(enqueue)) {
                        Sql.setInstant(ps, 1, now);
                        ps.setArray(2, c.createArrayOf("text", written.toArray()));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("record budget events", e);
        }
    }

    /** One page of a tenant's events (optionally of one budget), oldest first. */
    public Page<BudgetEvent> listPage(String tenant, Optional<String> budgetId, long afterSeq, int size) {
        String sql = "SELECT " + EVENT_COLUMNS + " FROM budget.budget_events e JOIN budget.budgets b ON b.id = e.budget_id"
                + " WHERE e.tenant = ? AND e.seq > ?" + (budgetId.isPresent() ? " AND e.budget_id = ?" : "")
                + " ORDER BY e.seq LIMIT ?";
        List<BudgetEvent> items = new ArrayList<>();
        long lastSeq = 0;
        boolean more = false;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, tenant);
            ps.setLong(p++, afterSeq);
            if (budgetId.isPresent()) {
                ps.setString(p++, budgetId.get());
            }
            ps.setInt(p, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == size) {
                        more = true;
                        break;
                    }
                    items.add(toEvent(rs));
                    lastSeq = rs.getLong("seq");
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("list budget events", e);
        }
        return new Page<>(items, more ? PageToken.encode(lastSeq) : "");
    }

    static BudgetEvent toEvent(ResultSet rs) throws SQLException {
        return new BudgetEvent(
                rs.getString("id"),
                rs.getString("budget_id"),
                rs.getString("tenant"),
                rs.getString("display_name"),
                Sql.fromJson(rs.getString("scope")),
                rs.getInt("threshold"),
                new Window(Sql.instant(rs, "window_start"), Sql.instant(rs, "window_end")),
                rs.getLong("limit_nanos"),
                rs.getLong("spent_nanos"),
                Sql.instant(rs, "created_at"),
                rs.getLong("seq"),
                rs.getBoolean("counts_tokens"));
    }
}

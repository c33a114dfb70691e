package io.tokenledger.budget.persistence;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetPeriod;
import io.tokenledger.budget.domain.Enforcement;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.domain.PageToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.time.LocalDate;
import io.tokenledger.budget.domain.CustomCalendar;
import javax.sql.DataSource;

/** Budgets in {@code budget.budgets}. */
@ApplicationScoped
public class BudgetRepository {

    private static final String COLUMNS =
            "seq, id, tenant, display_name, scope::text AS scope, period, time_zone, limit_nanos, thresholds, etag, created_at, enforcement, week_start_day,"
                    + " limit_tokens, rolling_seconds, deny_thresholds, calendar_anchor, calendar_length, calendar_unit";

    private final DataSource dataSource;

    public BudgetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the budget unless the tenant already created one with this request id; returns the stored budget
     * (the earlier one on a retry).
     */
    public Budget insertIdempotent(Budget budget, Optional<String> requestId) {
        String insert = "INSERT INTO budget.budgets (id, tenant, display_name, scope, period, time_zone, limit_nanos,"
                + " thresholds, request_id, etag, created_at, enforcement, week_start_day, limit_tokens, rolling_seconds,"
                + " deny_thresholds, calendar_anchor, calendar_length, calendar_unit)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant, request_id) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, budget.id());
            ps.setString(2, budget.tenantId());
            ps.setString(3, budget.displayName());
            ps.setString(4, Sql.toJson(budget.scope()));
            ps.setString(5, budget.period().name());
            ps.setString(6, budget.zone().getId());
            ps.setLong(7, budget.limitNanos());
            ps.setArray(8, c.createArrayOf("int4", budget.thresholds().toArray()));
            ps.setString(9, requestId.orElse(null));
            ps.setString(10, budget.etag());
            Sql.setInstant(ps, 11, budget.createTime());
            ps.setString(12, budget.enforcement().name());
            ps.setInt(13, budget.weekStart().getValue());
            ps.setLong(14, budget.limitTokens());
            ps.setLong(15, budget.rollingWindow().getSeconds());
            ps.setArray(16, c.createArrayOf("int4", budget.denyThresholds().toArray()));
            ps.setObject(17, budget.calendar().map(CustomCalendar::anchor).orElse(null));
            ps.setInt(18, budget.calendar().map(CustomCalendar::length).orElse(0));
            ps.setString(19, budget.calendar().map(cal -> cal.unit().name()).orElse(null));
            if (ps.executeUpdate() == 1) {
                return budget;
            }
        } catch (SQLException e) {
            throw Sql.failure("insert budget", e);
        }
        return findByRequestId(budget.tenantId(), requestId.orElseThrow()).orElseThrow();
    }

    /** The budget unless it does not exist or was deleted. */
    public Optional<Budget> findById(String tenant, String id) {
        List<Budget> found = query("SELECT " + COLUMNS + " FROM budget.budgets WHERE tenant = ? AND id = ?"
                + " AND deleted_at IS NULL", tenant, id);
        return found.stream().findFirst();
    }

    /**
     * Replaces the updatable fields (display name, limits, thresholds, enforcement) and the etag, only if the stored
     * etag is still {@code expectedEtag} (compare-and-set); false when it changed or the budget is gone.
     */
    public boolean update(Budget budget, String expectedEtag) {
        String sql = "UPDATE budget.budgets SET display_name = ?, limit_nanos = ?, limit_tokens = ?, thresholds = ?,"
                + " deny_thresholds = ?, enforcement = ?, etag = ?"
                + " WHERE tenant = ? AND id = ? AND etag = ? AND deleted_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, budget.displayName());
            ps.setLong(2, budget.limitNanos());
            ps.setLong(3, budget.limitTokens());
            ps.setArray(4, c.createArrayOf("int4", budget.thresholds().toArray()));
            ps.setArray(5, c.createArrayOf("int4", budget.denyThresholds().toArray()));
            ps.setString(6, budget.enforcement().name());
            ps.setString(7, budget.etag());
            ps.setString(8, budget.tenantId());
            ps.setString(9, budget.id());
            ps.setString(10, expectedEtag);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("update budget", e);
        }
    }

    /** Marks the budget deleted (its events keep referring to it) if its etag is still the expected one. */
    public boolean softDelete(String tenant, String id, String expectedEtag, java.time.Instant at) {
        String sql = "UPDATE budget.budgets SET deleted_at = ? WHERE tenant = ? AND id = ? AND etag = ? AND deleted_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setInstant(ps, 1, at);
            ps.setString(2, tenant);
            ps.setString(3, id);
            ps.setString(4, expectedEtag);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("delete budget", e);
        }
    }

    private Optional<Budget> findByRequestId(String tenant, String requestId) {
        return query("SELECT " + COLUMNS + " FROM budget.budgets WHERE tenant = ? AND request_id = ?", tenant, requestId)
                .stream().findFirst();
    }

    /** Every (not deleted) budget of the tenant, oldest first (feeds the per-tenant cache). */
    public List<Budget> listAll(String tenant) {
        return query("SELECT " + COLUMNS + " FROM budget.budgets WHERE tenant = ? AND deleted_at IS NULL ORDER BY seq", tenant);
    }

    /** One page of the tenant's budgets, oldest first, after the given sequence number. */
    public Page<Budget> listPage(String tenant, long afterSeq, int size) {
        String sql = "SELECT " + COLUMNS + " FROM budget.budgets WHERE tenant = ? AND seq > ? AND deleted_at IS NULL"
                + " ORDER BY seq LIMIT ?";
        List<Budget> items = new ArrayList<>();
        long lastSeq = 0;
        boolean more = false;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setLong(2, afterSeq);
            ps.setInt(3, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == size) {
                        more = true;
                        break;
                    }
                    items.add(toBudget(rs));
                    lastSeq = rs.getLong("seq");
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("list budgets", e);
        }
        return new Page<>(items, more ? PageToken.encode(lastSeq) : "");
    }

    private List<Budget> query(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<Budget> budgets = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    budgets.add(toBudget(rs));
                }
            }
            return budgets;
        } catch (SQLException e) {
            throw Sql.failure("read budgets", e);
        }
    }

    private static Budget toBudget(ResultSet rs) throws SQLException {
        Array thresholds = rs.getArray("thresholds");
        List<Integer> percents = Arrays.asList((Integer[]) thresholds.getArray());
        return new Budget(
                rs.getString("id"),
                rs.getString("tenant"),
                rs.getString("display_name"),
                Sql.fromJson(rs.getString("scope")),
                BudgetPeriod.valueOf(rs.getString("period")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getLong("limit_nanos"),
                percents,
                rs.getString("etag"),
                Sql.instant(rs, "created_at"),
                Enforcement.valueOf(rs.getString("enforcement")),
                DayOfWeek.of(rs.getInt("week_start_day")),
                rs.getLong("limit_tokens"),
                Duration.ofSeconds(rs.getLong("rolling_seconds")),
                Arrays.asList((Integer[]) rs.getArray("deny_thresholds").getArray()),
                calendar(rs));
    }

    private static Optional<CustomCalendar> calendar(ResultSet rs) throws SQLException {
        LocalDate anchor = rs.getObject("calendar_anchor", LocalDate.class);
        return anchor == null ? Optional.empty() : Optional.of(new CustomCalendar(anchor, rs.getInt("calendar_length"),
                CustomCalendar.Unit.valueOf(rs.getString("calendar_unit"))));
    }
}

package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.application.CorrectionLedger;
import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.Correction;
import io.tokenledger.attribution.domain.CorrectionOutcome;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.ReversedEntry;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Corrections in PostgreSQL: one transaction per correction, which first locks the target's USAGE row so that
 * concurrent corrections of one target apply one after the other (in the order they get the lock), each seeing
 * the entry its predecessor left in force.
 */
@ApplicationScoped
public class LedgerCorrections implements CorrectionLedger {

    private static final int MAX_ATTEMPTS = 3;
    /** Deadlock detected, serialization failure: the transaction was rolled back as a whole. */
    private static final Set<String> RETRIED_STATES = Set.of("40P01", "40001");

    private final DataSource dataSource;

    public LedgerCorrections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public CorrectionOutcome apply(AttributedCost row, Correction correction) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    CorrectionOutcome outcome = applyIn(connection, row, correction);
                    connection.commit();
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (RETRIED_STATES.contains(e.getSQLState()) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw Failures.of("correcting", e);
            }
        }
    }

    private CorrectionOutcome applyIn(Connection connection, AttributedCost row, Correction correction)
            throws SQLException {
        CostEntry entry = row.entry();
        String tenant = entry.tenantId();
        String target = correction.targetEventId();
        if (!exists(connection, CorrectionSql.LOCK_TARGET, tenant, target)) {
            return new CorrectionOutcome(entry.eventId(), CorrectionOutcome.Status.TARGET_NOT_FOUND, row.dimensions(),
                    Optional.empty());
        }
        if (exists(connection, CorrectionSql.KINDS_OF, tenant, entry.eventId())) {
            return stored(connection, entry);
        }
        String[] inForce = inForce(connection, tenant, target);
        boolean voided = inForce[1].equals("REVERSAL");
        // A voided target has nothing in force: its USAGE row lends dimensions to a zero marker.
        String sourceId = voided ? target : inForce[0];
        String sourceKind = voided ? "USAGE" : inForce[1];
        ReversedEntry reversed = reverse(connection, entry.eventId(), target, voided ? 0 : 1, tenant, sourceId,
                sourceKind);
        Dimensions dimensions = reversed.dimensions();
        if (correction.kind() == Correction.Kind.AMEND) {
            amend(connection, row, target);
            dimensions = row.dimensions();
        } else if (correction.kind() == Correction.Kind.RERATE && !voided) {
            rerate(connection, entry, target, sourceId, sourceKind);
        }
        return new CorrectionOutcome(entry.eventId(), CorrectionOutcome.Status.RECORDED, dimensions,
                Optional.of(reversed));
    }

    private static boolean exists(Connection connection, String sql, String tenant, String eventId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            select.setString(2, eventId);
            try (ResultSet result = select.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String[] inForce(Connection connection, String tenant, String target) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CorrectionSql.IN_FORCE)) {
            select.setString(1, tenant);
            select.setString(2, target);
            select.setString(3, target);
            try (ResultSet result = select.executeQuery()) {
                result.next(); // the locked USAGE row is always there
                return new String[] {result.getString(1), result.getString(2)};
            }
        }
    }

    private static ReversedEntry reverse(Connection connection, String correctionId, String target, long factor,
                                         String tenant, String sourceId, String sourceKind) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(CorrectionSql.REVERSE)) {
            int p = 1;
            insert.setString(p++, correctionId);
            insert.setString(p++, target);
            // once per amount, once for the event count, once for the list cost (CorrectionSql.REVERSE)
            for (int i = 0; i < RollupSql.AMOUNTS.size() + 2; i++) {
                insert.setLong(p++, factor);
            }
            insert.setString(p++, tenant);
            insert.setString(p++, sourceId);
            insert.setString(p, sourceKind);
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return reversed(result, tenant);
            }
        }
    }

    private static void amend(Connection connection, AttributedCost row, String target) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(LedgerInsert.SQL)) {
            LedgerInsert.bind(insert, List.of(row));
            insert.executeQuery().close();
        }
        try (PreparedStatement mark = connection.prepareStatement(CorrectionSql.MARK_AMEND)) {
            mark.setString(1, target);
            mark.setString(2, row.entry().tenantId());
            mark.setString(3, row.entry().eventId());
            if (mark.executeUpdate() != 1) {
                throw new IllegalStateException("the amended entry was not written");
            }
        }
    }

    private static void rerate(Connection connection, CostEntry entry, String target, String sourceId,
                               String sourceKind) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(CorrectionSql.RERATE)) {
            int p = 1;
            insert.setString(p++, entry.eventId());
            insert.setString(p++, target);
            insert.setString(p++, entry.provider());
            insert.setString(p++, entry.model());
            insert.setString(p++, entry.pricingStatus().name());
            insert.setString(p++, entry.unpricedReason());
            insert.setString(p++, entry.priceId());
            insert.setLong(p++, entry.costNanos());
            insert.setLong(p++, entry.listCostNanos());
            for (CostPart part : CostPart.values()) {
                insert.setLong(p++, entry.breakdown().get(part));
            }
            insert.setString(p++, entry.tenantId());
            insert.setString(p++, sourceId);
            insert.setString(p, sourceKind);
            insert.executeQuery().close();
        }
    }

    /** A correction id already in the ledger: what it did then, nothing written now. */
    private static CorrectionOutcome stored(Connection connection, CostEntry entry) throws SQLException {
        Optional<ReversedEntry> reversed = Optional.empty();
        try (PreparedStatement select = connection.prepareStatement(CorrectionSql.STORED_REVERSAL)) {
            select.setString(1, entry.tenantId());
            select.setString(2, entry.eventId());
            try (ResultSet result = select.executeQuery()) {
                if (result.next()) {
                    reversed = Optional.of(reversed(result, entry.tenantId()));
                }
            }
        }
        Optional<Dimensions> dimensions = reversed.map(ReversedEntry::dimensions);
        try (PreparedStatement select = connection.prepareStatement(CorrectionSql.NEW_ENTRY_DIMENSIONS)) {
            select.setString(1, entry.tenantId());
            select.setString(2, entry.eventId());
            try (ResultSet result = select.executeQuery()) {
                if (result.next()) {
                    dimensions = Optional.of(dimensions(result, 1, entry.tenantId()));
                }
            }
        }
        return new CorrectionOutcome(entry.eventId(), CorrectionOutcome.Status.DUPLICATE,
                dimensions.orElseThrow(() -> new IllegalStateException("a correction id is used by a usage event")),
                reversed);
    }

    /** Reads {@link CorrectionSql#REVERSED_COLUMNS}. */
    private static ReversedEntry reversed(ResultSet result, String tenant) throws SQLException {
        return new ReversedEntry(result.getLong(1), result.getTimestamp(2).toInstant(), result.getString(3),
                result.getString(4), dimensions(result, 5, tenant), result.getLong(12), result.getLong(13));
    }

    /** Reads team, feature, customer, user, environment, tag keys and tag values from column {@code first} on. */
    private static Dimensions dimensions(ResultSet result, int first, String tenant) throws SQLException {
        String[] keys = (String[]) result.getArray(first + 5).getArray();
        String[] values = (String[]) result.getArray(first + 6).getArray();
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            tags.put(keys[i], values[i]);
        }
        return new Dimensions(tenant, result.getString(first), result.getString(first + 1),
                result.getString(first + 2), result.getString(first + 3), result.getString(first + 4), tags);
    }
}

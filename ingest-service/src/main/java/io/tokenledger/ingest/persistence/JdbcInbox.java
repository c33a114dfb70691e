package io.tokenledger.ingest.persistence;

import io.tokenledger.ingest.application.Inbox;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The inbox in PostgreSQL (table {@code ingest.inbox}); every operation is one statement per batch. */
@ApplicationScoped
public class JdbcInbox implements Inbox {

    /** One fixed text for any batch size (arrays, not a VALUES row per event): prepared once per connection. */
    private static final String ACCEPT = "INSERT INTO ingest.inbox (tenant_id, event_id, payload, next_attempt_at)"
            + " SELECT v.tenant_id, v.event_id, v.payload, now() + ?::float8 * interval '1 millisecond'"
            + " FROM unnest(?::text[], ?::text[], ?::bytea[]) AS v(tenant_id, event_id, payload)"
            + " ON CONFLICT DO NOTHING RETURNING tenant_id, event_id";

    private final DataSource dataSource;

    public JdbcInbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<EventKey> accept(List<UsageEvent> events, Duration lease) {
        // Repeats inside the batch are sent once: the first copy wins, like a later request would.
        Map<EventKey, UsageEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.key(), e));
        String[] tenants = new String[unique.size()];
        String[] eventIds = new String[unique.size()];
        byte[][] payloads = new byte[unique.size()][];
        int i = 0;
        for (UsageEvent event : unique.values()) {
            tenants[i] = event.tenantId();
            eventIds[i] = event.eventId();
            payloads[i++] = UsageEventProtos.toBytes(event);
        }
        return inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(ACCEPT)) {
                insert.setDouble(1, lease.toMillis());
                insert.setObject(2, tenants);
                insert.setObject(3, eventIds);
                insert.setObject(4, payloads);
                Set<EventKey> inserted = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(new EventKey(rows.getString(1), rows.getString(2)));
                    }
                }
                return inserted;
            }
        });
    }

    @Override
    public Map<EventKey, Optional<Outcome>> outcomes(Collection<EventKey> keys) {
        String sql = "SELECT i.tenant_id, i.event_id, i.status, i.pricing_status, i.unpriced_reason, i.cost_nanos"
                + " FROM ingest.inbox i JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, event_id)"
                + " ON i.tenant_id = k.tenant_id AND i.event_id = k.event_id";
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bindKeys(select, 1, keys);
                Map<EventKey, Optional<Outcome>> outcomes = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Optional<Outcome> outcome = "DONE".equals(rows.getString(3))
                                ? Optional.of(new Outcome(PricingStatus.valueOf(rows.getString(4)),
                                        Optional.ofNullable(rows.getString(5)).orElse(""), rows.getLong(6)))
                                : Optional.empty();
                        outcomes.put(new EventKey(rows.getString(1), rows.getString(2)), outcome);
                    }
                }
                return outcomes;
            }
        });
    }

    @Override
    public void complete(Map<EventKey, Outcome> outcomes) {
        String sql = "UPDATE ingest.inbox i SET status = 'DONE', pricing_status = v.pricing_status,"
                + " unpriced_reason = v.unpriced_reason, cost_nanos = v.cost_nanos, done_at = now(), last_error = NULL"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                + " AS v(tenant_id, event_id, pricing_status, unpriced_reason, cost_nanos)"
                + " WHERE i.tenant_id = v.tenant_id AND i.event_id = v.event_id AND i.status = 'PENDING'";
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                bindKeys(update, 1, outcomes.keySet());
                String[] statuses = new String[outcomes.size()];
                String[] reasons = new String[outcomes.size()];
                long[] costs = new long[outcomes.size()];
                int i = 0;
                for (Outcome outcome : outcomes.values()) {
                    statuses[i] = outcome.pricingStatus().name();
                    reasons[i] = outcome.unpricedReason();
                    costs[i++] = outcome.costNanos();
                }
                update.setObject(3, statuses);
                update.setObject(4, reasons);
                update.setObject(5, costs);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void failed(Collection<EventKey> keys, String error) {
        String sql = "UPDATE ingest.inbox i SET last_error = left(?, 2000)"
                + " FROM unnest(?::text[], ?::text[]) AS k(tenant_id, event_id)"
                + " WHERE i.tenant_id = k.tenant_id AND i.event_id = k.event_id AND i.status = 'PENDING'";
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, error);
                bindKeys(update, 2, keys);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<UsageEvent> claimDue(int limit, Duration initialBackoff, Duration maxBackoff) {
        // The delay doubles per attempt (1 s, 2 s, 4 s, ...) up to the cap; the exponent is bounded so that
        // the arithmetic cannot overflow on a row that has been failing for a long time.
        String sql = "UPDATE ingest.inbox i SET attempts = i.attempts + 1,"
                + " next_attempt_at = now() + least(?::float8 * power(2, least(i.attempts, 40)), ?::float8) * interval '1 millisecond'"
                + " FROM (SELECT tenant_id, event_id FROM ingest.inbox"
                + "       WHERE status = 'PENDING' AND next_attempt_at <= now()"
                + "       ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED) due"
                + " WHERE i.tenant_id = due.tenant_id AND i.event_id = due.event_id"
                + " RETURNING i.payload, i.received_at";
        return inTransaction(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(sql)) {
                claim.setDouble(1, initialBackoff.toMillis());
                claim.setDouble(2, maxBackoff.toMillis());
                claim.setInt(3, limit);
                List<Claimed> claimed = new ArrayList<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Claimed(rows.getBytes(1), rows.getTimestamp(2).toInstant()));
                    }
                }
                // RETURNING has no order; restore oldest first.
                claimed.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
                return claimed.stream().map(c -> UsageEventProtos.fromBytes(c.payload())).toList();
            }
        });
    }

    private record Claimed(byte[] payload, java.time.Instant receivedAt) {
    }

    private static void bindKeys(PreparedStatement statement, int first,
            Collection<EventKey> keys) throws SQLException {
        // Java arrays go to setObject, which sends them in PostgreSQL's binary array format (createArrayOf: text).
        statement.setObject(first, keys.stream().map(EventKey::tenantId).toArray(String[]::new));
        statement.setObject(first + 1, keys.stream().map(EventKey::eventId).toArray(String[]::new));
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inbox: " + e.getMessage(), e);
        }
    }
}

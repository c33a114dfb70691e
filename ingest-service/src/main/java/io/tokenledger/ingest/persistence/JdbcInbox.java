package io.tokenledger.ingest.persistence;

import io.tokenledger.ingest.application.Inbox;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.InboxBatch;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import io.tokenledger.platform.error.SqlFailures;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The inbox in PostgreSQL (V3__inbox_batches.sql): a batch row per accepted request holding its new events as arrays,
 * a key row per event. Accepting a request is two statements, settling it one (two when outcomes are stored
 * already), whatever its size. Only the drainer's claim reads a batch's payloads back; once the batch has been DONE
 * for the retention, they are dropped (V4__inbox_payload_retention.sql).
 */
@ApplicationScoped
public class JdbcInbox implements Inbox {

    /** Inserts the keys that are new, all pointing at a fresh batch id; fixed text, prepared once per connection. */
    private static final String INSERT_KEYS = "WITH batch AS (SELECT nextval('ingest.inbox_batch_batch_id_seq') AS id)"
            + " INSERT INTO ingest.inbox_key (tenant_id, event_id, batch_id)"
            + " SELECT k.tenant_id, k.event_id, batch.id FROM batch, unnest(?::text[], ?::text[]) AS k(tenant_id, event_id)"
            + " ON CONFLICT DO NOTHING RETURNING tenant_id, event_id, batch_id";
    private static final String INSERT_BATCH = "INSERT INTO ingest.inbox_batch"
            + " (batch_id, tenant_ids, event_ids, payloads, pending, next_attempt_at)"
            + " VALUES (?, ?::text[], ?::text[], ?::bytea[], ?, now() + ?::bigint * interval '1 millisecond')";
    /** The first settle of a batch (none of its outcomes stored yet): the arrays as they are. */
    private static final String FIRST_SETTLE = "UPDATE ingest.inbox_batch SET pricing_statuses = ?::text[],"
            + " unpriced_reasons = ?::text[], costs_nanos = ?::bigint[], pending = ?,"
            + " status = CASE WHEN ? = 0 THEN 'DONE' ELSE 'PENDING' END, done_at = CASE WHEN ? = 0 THEN now() END,"
            + " last_error = ? WHERE batch_id = ? AND status = 'PENDING' AND pricing_statuses IS NULL";
    /**
     * A later settle merges its outcomes into the batch on the server, keeping those stored already (by this worker,
     * or by the request thread or a drainer that held the batch too, once its lease ran out): an outcome, once stored,
     * never changes.
     */
    private static final String MERGE_SETTLE = "UPDATE ingest.inbox_batch b"
            + " SET (pricing_statuses, unpriced_reasons, costs_nanos, pending, status, done_at, last_error) ="
            + " (SELECT statuses, reasons, costs, pending, CASE WHEN pending = 0 THEN 'DONE' ELSE 'PENDING' END,"
            + "   CASE WHEN pending = 0 THEN now() END, CASE WHEN pending > 0 THEN ?::text END"
            + "  FROM (SELECT array_agg(coalesce(old_status, new_status) ORDER BY i) AS statuses,"
            + "     array_agg(CASE WHEN old_status IS NULL THEN new_reason ELSE old_reason END ORDER BY i) AS reasons,"
            + "     array_agg(CASE WHEN old_status IS NULL THEN new_cost ELSE old_cost END ORDER BY i) AS costs,"
            + "     (count(*) FILTER (WHERE old_status IS NULL AND new_status IS NULL))::int AS pending"
            + "   FROM unnest(b.pricing_statuses, b.unpriced_reasons, b.costs_nanos, ?::text[], ?::text[], ?::bigint[])"
            + "     WITH ORDINALITY AS m(old_status, old_reason, old_cost, new_status, new_reason, new_cost, i)) merged)"
            + " WHERE batch_id = ? AND status = 'PENDING'";
    /** The outcomes of the given events, reading each batch they are in once. */
    private static final String OUTCOMES = "WITH q AS (SELECT k.tenant_id, k.event_id, k.batch_id"
            + "   FROM unnest(?::text[], ?::text[]) AS wanted(tenant_id, event_id)"
            + "   JOIN ingest.inbox_key k ON k.tenant_id = wanted.tenant_id AND k.event_id = wanted.event_id)"
            + " SELECT e.tenant_id, e.event_id, e.pricing_status, e.unpriced_reason, e.cost_nanos"
            + " FROM ingest.inbox_batch b CROSS JOIN LATERAL unnest(b.tenant_ids, b.event_ids, b.pricing_statuses,"
            + "   b.unpriced_reasons, b.costs_nanos) AS e(tenant_id, event_id, pricing_status, unpriced_reason, cost_nanos)"
            + " JOIN q ON q.batch_id = b.batch_id AND q.tenant_id = e.tenant_id AND q.event_id = e.event_id"
            // Restricts the batches before their arrays are unnested.
            + " WHERE b.batch_id IN (SELECT batch_id FROM q)";
    private static final String DUE = "SELECT batch_id, pending FROM ingest.inbox_batch"
            + " WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY received_at, batch_id LIMIT ?"
            + " FOR UPDATE SKIP LOCKED";
    /**
     * The delay doubles per attempt (1 s, 2 s, 4 s, ...) up to the cap; the exponent is bounded so that the arithmetic
     * cannot overflow on a batch that has been failing for a long time.
     */
    private static final String CLAIM = "UPDATE ingest.inbox_batch SET attempts = attempts + 1,"
            + " next_attempt_at = now() + least(?::float8 * power(2, least(attempts, 40)), ?::float8) * interval '1 millisecond'"
            + " WHERE batch_id = ANY(?::bigint[])"
            + " RETURNING batch_id, payloads, pricing_statuses, unpriced_reasons, costs_nanos";

    /** SKIP LOCKED: another replica compacting at the same time takes other batches, nobody waits. */
    private static final String DROP_PAYLOADS = "UPDATE ingest.inbox_batch SET payloads = NULL WHERE batch_id IN"
            + " (SELECT batch_id FROM ingest.inbox_batch WHERE status = 'DONE' AND payloads IS NOT NULL"
            + "  AND done_at < now() - ?::bigint * interval '1 millisecond' ORDER BY done_at LIMIT ?"
            + "  FOR UPDATE SKIP LOCKED)";

    private static final Comparator<EventKey> KEY_ORDER = Comparator.comparing(EventKey::tenantId)
            .thenComparing(EventKey::eventId);

    private final DataSource dataSource;

    public JdbcInbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public InboxBatch accept(List<UsageEvent> events, Duration lease) {
        // Repeats inside the list are sent once: the first copy wins, like a later request would.
        Map<EventKey, UsageEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.key(), e));
        return inTransaction(connection -> {
            Map<EventKey, Long> inserted = new HashMap<>();
            // Sorted: concurrent requests with overlapping keys then wait on each other in one order, never in a
            // cycle (in request order, two shuffled copies of the same ids deadlocked).
            List<EventKey> keys = unique.keySet().stream().sorted(KEY_ORDER).toList();
            try (PreparedStatement insert = connection.prepareStatement(INSERT_KEYS)) {
                insert.setObject(1, keys.stream().map(EventKey::tenantId).toArray(String[]::new));
                insert.setObject(2, keys.stream().map(EventKey::eventId).toArray(String[]::new));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.put(new EventKey(rows.getString(1), rows.getString(2)), rows.getLong(3));
                    }
                }
            }
            if (inserted.isEmpty()) {
                return InboxBatch.EMPTY;
            }
            List<UsageEvent> fresh = unique.values().stream().filter(e -> inserted.containsKey(e.key())).toList();
            long batchId = inserted.values().iterator().next();
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
                insert.setLong(1, batchId);
                insert.setObject(2, fresh.stream().map(UsageEvent::tenantId).toArray(String[]::new));
                insert.setObject(3, fresh.stream().map(UsageEvent::eventId).toArray(String[]::new));
                insert.setObject(4, fresh.stream().map(UsageEventProtos::toBytes).toArray(byte[][]::new));
                insert.setInt(5, fresh.size());
                insert.setLong(6, lease.toMillis());
                insert.executeUpdate();
            }
            return new InboxBatch(batchId, fresh, Map.of());
        });
    }

    @Override
    public Map<EventKey, Optional<Outcome>> outcomes(Collection<EventKey> keys) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(OUTCOMES)) {
                select.setObject(1, keys.stream().map(EventKey::tenantId).toArray(String[]::new));
                select.setObject(2, keys.stream().map(EventKey::eventId).toArray(String[]::new));
                Map<EventKey, Optional<Outcome>> outcomes = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        outcomes.put(new EventKey(rows.getString(1), rows.getString(2)),
                                outcome(rows.getString(3), rows.getString(4), rows.getLong(5)));
                    }
                }
                return outcomes;
            }
        });
    }

    @Override
    public void settle(InboxBatch batch, Map<EventKey, Outcome> outcomes, String error) {
        int size = batch.events().size();
        // The outcomes by position in the batch; null for an event not completed now.
        String[] statuses = new String[size];
        String[] reasons = new String[size];
        Long[] costs = new Long[size];
        for (int i = 0; i < size; i++) {
            Outcome outcome = outcomes.get(batch.events().get(i).key());
            if (outcome != null) {
                statuses[i] = outcome.pricingStatus().name();
                reasons[i] = outcome.unpricedReason();
                costs[i] = outcome.costNanos();
            }
        }
        int pending = (int) Arrays.stream(statuses).filter(Objects::isNull).count();
        String lastError = pending == 0 || error == null ? null : truncate(error);
        inTransaction(connection -> {
            try (PreparedStatement first = connection.prepareStatement(FIRST_SETTLE)) {
                first.setObject(1, statuses);
                first.setObject(2, reasons);
                first.setObject(3, costs);
                first.setInt(4, pending);
                first.setInt(5, pending);
                first.setInt(6, pending);
                first.setString(7, lastError);
                first.setLong(8, batch.id());
                if (first.executeUpdate() == 1) {
                    return 1;
                }
            }
            try (PreparedStatement merge = connection.prepareStatement(MERGE_SETTLE)) {
                merge.setString(1, error == null ? null : truncate(error));
                merge.setObject(2, statuses);
                merge.setObject(3, reasons);
                merge.setObject(4, costs);
                merge.setLong(5, batch.id());
                return merge.executeUpdate();
            }
        });
    }

    @Override
    public List<InboxBatch> claimDue(int limit, Duration initialBackoff, Duration maxBackoff) {
        return inTransaction(connection -> {
            List<Long> claimed = new ArrayList<>();
            try (PreparedStatement due = connection.prepareStatement(DUE)) {
                due.setInt(1, Math.max(limit, 1));
                try (ResultSet rows = due.executeQuery()) {
                    int events = 0;
                    while (rows.next() && (claimed.isEmpty() || events + rows.getInt(2) <= limit)) {
                        claimed.add(rows.getLong(1));
                        events += rows.getInt(2);
                    }
                }
            }
            if (claimed.isEmpty()) {
                return List.of();
            }
            Map<Long, InboxBatch> batches = new HashMap<>();
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setDouble(1, initialBackoff.toMillis());
                claim.setDouble(2, maxBackoff.toMillis());
                claim.setObject(3, claimed.toArray(Long[]::new));
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        batches.put(rows.getLong(1), batch(rows));
                    }
                }
            }
            // RETURNING has no order; oldest first, as DUE found them.
            return claimed.stream().map(batches::get).toList();
        });
    }

    @Override
    public int dropPayloadsDoneFor(Duration retention, int limit) {
        return inTransaction(connection -> {
            try (PreparedStatement drop = connection.prepareStatement(DROP_PAYLOADS)) {
                drop.setLong(1, retention.toMillis());
                drop.setInt(2, limit);
                return drop.executeUpdate();
            }
        });
    }

    /** A claimed batch from a CLAIM row: its events from their payloads, with the outcomes stored so far. */
    private static InboxBatch batch(ResultSet row) throws SQLException {
        byte[][] payloads = (byte[][]) row.getArray(2).getArray();
        String[] statuses = strings(row.getArray(3), payloads.length);
        String[] reasons = strings(row.getArray(4), payloads.length);
        Long[] costs = row.getArray(5) == null ? new Long[payloads.length] : (Long[]) row.getArray(5).getArray();
        List<UsageEvent> events = new ArrayList<>(payloads.length);
        Map<EventKey, Outcome> done = new HashMap<>();
        for (int i = 0; i < payloads.length; i++) {
            UsageEvent event = UsageEventProtos.fromBytes(payloads[i]);
            events.add(event);
            outcome(statuses[i], reasons[i], costs[i] == null ? 0 : costs[i]).ifPresent(o -> done.put(event.key(), o));
        }
        return new InboxBatch(row.getLong(1), events, done);
    }

    private static String[] strings(Array array, int size) throws SQLException {
        return array == null ? new String[size] : (String[]) array.getArray();
    }

    /** A stored outcome: present once the event is completed (its pricing status is set). */
    private static Optional<Outcome> outcome(String pricingStatus, String unpricedReason, long costNanos) {
        return pricingStatus == null ? Optional.empty() : Optional.of(new Outcome(PricingStatus.valueOf(pricingStatus),
                Optional.ofNullable(unpricedReason).orElse(""), costNanos));
    }

    private static String truncate(String error) {
        return error.length() <= 2000 ? error : error.substring(0, 2000);
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
            // Rolled back: nothing of the batch was accepted, so a client's retry is safe (and idempotent anyway).
            throw SqlFailures.of("INBOX_UNAVAILABLE", "the inbox could not be read or written", e);
        }
    }
}

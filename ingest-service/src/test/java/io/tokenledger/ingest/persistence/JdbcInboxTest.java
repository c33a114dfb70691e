package io.tokenledger.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.InboxBatch;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.platform.error.TokenLedgerException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NoDrainerProfile.class)
class JdbcInboxTest {

    @Inject
    JdbcInbox inbox;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void emptyInbox() throws SQLException {
        sql("DELETE FROM ingest.inbox_batch");
        sql("DELETE FROM ingest.inbox_key");
    }

    @Test
    void accept_stores_only_new_events_and_a_repeat_inside_the_batch_once() {
        String tenant = tenant();
        assertThat(keys(inbox.accept(List.of(event(tenant, "a")), Duration.ZERO))).containsExactly(new EventKey(tenant, "a"));

        InboxBatch batch = inbox.accept(List.of(event(tenant, "a"), event(tenant, "b"), event(tenant, "b"),
                event("other", "a")), Duration.ZERO);

        assertThat(keys(batch)).containsExactly(new EventKey(tenant, "b"), new EventKey("other", "a"));
        assertThat(inbox.accept(List.of(event(tenant, "b")), Duration.ZERO)).isEqualTo(InboxBatch.EMPTY);
    }

    @Test
    void a_database_that_cannot_be_reached_is_unavailable_so_that_clients_retry() throws IOException {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        try (ServerSocket socket = new ServerSocket(0)) {
            unreachable.setPortNumbers(new int[] {socket.getLocalPort()});
        } // closed: connections to the port are refused (SQLSTATE 08001)

        Throwable failure = catchThrowable(() -> new JdbcInbox(unreachable).accept(List.of(event(tenant(), "a")),
                Duration.ZERO));

        assertThat(failure).isInstanceOf(TokenLedgerException.Unavailable.class)
                .hasMessage("the inbox could not be read or written");
        assertThat(((TokenLedgerException) failure).reason()).isEqualTo("INBOX_UNAVAILABLE");
    }

    @Test
    void the_inbox_view_shows_one_row_per_stored_event() throws SQLException {
        String tenant = tenant();
        inbox.accept(List.of(event(tenant, "a"), event(tenant, "b")), Duration.ZERO);

        assertThat(number("SELECT count(*) FROM ingest.inbox WHERE tenant_id = '" + tenant + "' AND status = 'PENDING'"))
                .isEqualTo(2);
    }

    @Test
    void claim_takes_due_batches_oldest_first_up_to_the_limit_and_skips_leased_ones() throws SQLException {
        String tenant = tenant();
        inbox.accept(List.of(event(tenant, "old")), Duration.ZERO);
        inbox.accept(List.of(event(tenant, "leased")), Duration.ofMinutes(1));
        inbox.accept(List.of(event(tenant, "new-1"), event(tenant, "new-2")), Duration.ZERO);
        sql("UPDATE ingest.inbox_batch SET received_at = now() - interval '1 hour' WHERE 'old' = ANY (event_ids)");

        // 1 + 2 events would exceed the limit of 2: the second batch waits for the next claim.
        List<InboxBatch> first = inbox.claimDue(2, Duration.ofSeconds(1), Duration.ofMinutes(5));
        List<InboxBatch> rest = inbox.claimDue(1, Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(first).hasSize(1);
        // The payload round-trips: the claimed event is the accepted one.
        assertThat(first.get(0).events()).containsExactly(event(tenant, "old"));
        // A claim takes at least one batch, even one larger than the limit.
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).events()).extracting(UsageEvent::eventId).containsExactly("new-1", "new-2");
        assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void each_claim_doubles_the_backoff_up_to_the_cap() throws SQLException {
        String tenant = tenant();
        inbox.accept(List.of(event(tenant, "x")), Duration.ZERO);
        // attempts 0 -> 1: 1 s; 1 -> 2: 2 s; 2 -> 3: 4 s; ... 9 -> 10: 512 s, capped at 300 s.
        double[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            sql("UPDATE ingest.inbox_batch SET next_attempt_at = now() - interval '1 second'");
            assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5))).hasSize(1);
            assertThat(number("SELECT attempts FROM ingest.inbox_batch")).isEqualTo(attempt);
            assertThat(number("SELECT extract(epoch FROM next_attempt_at - now()) FROM ingest.inbox_batch"))
                    .isCloseTo(expected[attempt - 1], within(0.5));
        }
    }

    @Test
    void settle_stores_the_outcomes_and_a_partly_settled_batch_is_claimed_with_them() throws SQLException {
        String tenant = tenant();
        InboxBatch batch = inbox.accept(List.of(event(tenant, "p"), event(tenant, "u"), event(tenant, "w")),
                Duration.ZERO);
        Outcome priced = new Outcome(PricingStatus.PRICED, "", 7_208_000);
        Outcome unpriced = new Outcome(PricingStatus.UNPRICED, "unknown model x/y", 0);

        inbox.settle(batch, Map.of(new EventKey(tenant, "p"), priced, new EventKey(tenant, "u"), unpriced),
                "budget failed: UNAVAILABLE");

        Map<EventKey, Optional<Outcome>> outcomes = inbox.outcomes(List.of(new EventKey(tenant, "p"),
                new EventKey(tenant, "u"), new EventKey(tenant, "w")));
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
                new EventKey(tenant, "p"), Optional.of(priced),
                new EventKey(tenant, "u"), Optional.of(unpriced),
                new EventKey(tenant, "w"), Optional.empty()));
        assertThat(text("SELECT last_error FROM ingest.inbox WHERE event_id = 'w'")).isEqualTo("budget failed: UNAVAILABLE");
        assertThat(text("SELECT status FROM ingest.inbox WHERE event_id = 'p'")).isEqualTo("DONE");

        // The batch stays due for its last event; the claim brings back what is done already.
        List<InboxBatch> claimed = inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).pending()).extracting(UsageEvent::eventId).containsExactly("w");

        Outcome last = new Outcome(PricingStatus.PRICED, "", 1);
        inbox.settle(claimed.get(0), Map.of(new EventKey(tenant, "w"), last), null);
        assertThat(inbox.outcomes(List.of(new EventKey(tenant, "p"), new EventKey(tenant, "w"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(new EventKey(tenant, "p"), Optional.of(priced),
                        new EventKey(tenant, "w"), Optional.of(last)));
        assertThat(text("SELECT status FROM ingest.inbox_batch")).isEqualTo("DONE");
        // A DONE batch is never claimed again.
        sql("UPDATE ingest.inbox_batch SET next_attempt_at = now() - interval '1 second'");
        assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void an_outcome_once_stored_is_kept_when_a_worker_with_an_older_view_settles_the_batch() {
        String tenant = tenant();
        InboxBatch batch = inbox.accept(List.of(event(tenant, "p"), event(tenant, "w")), Duration.ZERO);
        Outcome first = new Outcome(PricingStatus.PRICED, "", 7_208_000);
        inbox.settle(batch, Map.of(new EventKey(tenant, "p"), first), "budget failed: UNAVAILABLE");

        // A drainer that claimed the batch before that settle ran it again: it knows nothing of p's outcome.
        Outcome second = new Outcome(PricingStatus.PRICED, "", 1);
        inbox.settle(batch, Map.of(new EventKey(tenant, "p"), second, new EventKey(tenant, "w"), second), null);

        assertThat(inbox.outcomes(List.of(new EventKey(tenant, "p"), new EventKey(tenant, "w"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(new EventKey(tenant, "p"), Optional.of(first),
                        new EventKey(tenant, "w"), Optional.of(second)));
    }

    @Test
    void payloads_of_batches_done_longer_than_the_retention_are_dropped_and_keys_and_outcomes_stay() throws SQLException {
        String tenant = tenant();
        Outcome priced = new Outcome(PricingStatus.PRICED, "", 7_208_000);
        for (String id : List.of("old-1", "old-2", "recent")) {
            InboxBatch batch = inbox.accept(List.of(event(tenant, id)), Duration.ZERO);
            inbox.settle(batch, Map.of(new EventKey(tenant, id), priced), null);
        }
        inbox.accept(List.of(event(tenant, "pending")), Duration.ZERO);
        sql("UPDATE ingest.inbox_batch SET done_at = now() - interval '25 hours', received_at = done_at"
                + " - interval '25 hours' WHERE event_ids[1] LIKE 'old-%'");
        sql("UPDATE ingest.inbox_batch SET received_at = now() - interval '3 days' WHERE event_ids[1] = 'pending'");

        // One batch per statement here: the oldest two go, one at a time; the recent and the pending one stay.
        assertThat(inbox.dropPayloadsDoneFor(Duration.ofHours(24), 1)).isEqualTo(1);
        assertThat(inbox.dropPayloadsDoneFor(Duration.ofHours(24), 1)).isEqualTo(1);
        assertThat(inbox.dropPayloadsDoneFor(Duration.ofHours(24), 1)).isZero();

        assertThat(text("SELECT string_agg(event_ids[1], ',' ORDER BY event_ids[1]) FROM ingest.inbox_batch"
                + " WHERE payloads IS NULL")).isEqualTo("old-1,old-2");
        // A resent event still counts once and is answered with its outcome.
        assertThat(inbox.accept(List.of(event(tenant, "old-1")), Duration.ZERO)).isEqualTo(InboxBatch.EMPTY);
        assertThat(inbox.outcomes(List.of(new EventKey(tenant, "old-1"))))
                .containsExactlyEntriesOf(Map.of(new EventKey(tenant, "old-1"), Optional.of(priced)));
        assertThat(text("SELECT status || ' ' || (payload IS NULL) FROM ingest.inbox WHERE event_id = 'old-2'"))
                .isEqualTo("DONE true");
        // The pending event keeps its payload however old: the drainer still needs it.
        assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5)))
                .singleElement().satisfies(b -> assertThat(b.events()).containsExactly(event(tenant, "pending")));
    }

    private static List<EventKey> keys(InboxBatch batch) {
        return batch.events().stream().map(UsageEvent::key).toList();
    }

    private static String tenant() {
        return "inbox-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UsageEvent event(String tenant, String eventId) {
        Map<String, Long> usage = new java.util.LinkedHashMap<>(
                io.tokenledger.ingest.mapping.UsageEventProtos.counts(
                        io.tokenledger.api.common.v1.TokenUsage.newBuilder().setInputTokens(10).build()));
        return new UsageEvent(eventId, tenant, Optional.of(Instant.parse("2026-01-02T03:04:05.123456789Z")),
                "openai", "gpt-5-mini", usage, Map.of("team", "search"), "trace",
                io.tokenledger.ingest.domain.ServiceTier.UNSPECIFIED, "", "", 0,
                io.tokenledger.ingest.domain.Correction.NONE);
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private String text(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private double number(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}

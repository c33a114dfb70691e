package io.tokenledger.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.inject.Inject;
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
        sql("DELETE FROM ingest.inbox");
    }

    @Test
    void accept_inserts_only_new_events_and_a_repeat_inside_the_batch_once() {
        String tenant = tenant();
        assertThat(inbox.accept(List.of(event(tenant, "a")), Duration.ZERO)).containsExactly(new EventKey(tenant, "a"));

        var inserted = inbox.accept(List.of(event(tenant, "a"), event(tenant, "b"), event(tenant, "b"),
                event("other", "a")), Duration.ZERO);

        assertThat(inserted).containsExactlyInAnyOrder(new EventKey(tenant, "b"), new EventKey("other", "a"));
    }

    @Test
    void claim_takes_due_rows_oldest_first_and_skips_leased_ones() throws SQLException {
        String tenant = tenant();
        inbox.accept(List.of(event(tenant, "old")), Duration.ZERO);
        inbox.accept(List.of(event(tenant, "leased")), Duration.ofMinutes(1));
        inbox.accept(List.of(event(tenant, "new-1"), event(tenant, "new-2")), Duration.ZERO);
        sql("UPDATE ingest.inbox SET received_at = now() - interval '1 hour' WHERE event_id = 'old'");

        List<UsageEvent> first = inbox.claimDue(2, Duration.ofSeconds(1), Duration.ofMinutes(5));
        List<UsageEvent> rest = inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(first).extracting(UsageEvent::eventId).hasSize(2).startsWith("old");
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).eventId()).startsWith("new-");
        // The payload round-trips: the claimed event is the accepted one.
        assertThat(first.get(0)).isEqualTo(event(tenant, "old"));
        assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void each_claim_doubles_the_backoff_up_to_the_cap() throws SQLException {
        String tenant = tenant();
        inbox.accept(List.of(event(tenant, "x")), Duration.ZERO);
        // attempts 0 -> 1: 1 s; 1 -> 2: 2 s; 2 -> 3: 4 s; ... 9 -> 10: 512 s, capped at 300 s.
        double[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            sql("UPDATE ingest.inbox SET next_attempt_at = now() - interval '1 second'");
            assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5))).hasSize(1);
            assertThat(number("SELECT attempts FROM ingest.inbox")).isEqualTo(attempt);
            assertThat(number("SELECT extract(epoch FROM next_attempt_at - now()) FROM ingest.inbox"))
                    .isCloseTo(expected[attempt - 1], within(0.5));
        }
    }

    @Test
    void complete_stores_the_outcome_and_outcomes_report_it_only_when_done() {
        String tenant = tenant();
        inbox.accept(List.of(event(tenant, "p"), event(tenant, "u"), event(tenant, "w")), Duration.ZERO);

        inbox.complete(Map.of(
                new EventKey(tenant, "p"), new Outcome(PricingStatus.PRICED, "", 7_208_000),
                new EventKey(tenant, "u"), new Outcome(PricingStatus.UNPRICED, "unknown model x/y", 0)));
        inbox.failed(List.of(new EventKey(tenant, "w")), "budget failed: UNAVAILABLE");

        Map<EventKey, Optional<Outcome>> outcomes = inbox.outcomes(List.of(new EventKey(tenant, "p"),
                new EventKey(tenant, "u"), new EventKey(tenant, "w")));
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
                new EventKey(tenant, "p"), Optional.of(new Outcome(PricingStatus.PRICED, "", 7_208_000)),
                new EventKey(tenant, "u"), Optional.of(new Outcome(PricingStatus.UNPRICED, "unknown model x/y", 0)),
                new EventKey(tenant, "w"), Optional.empty()));
        // A DONE row is never claimed again.
        assertThat(inbox.claimDue(10, Duration.ofSeconds(1), Duration.ofMinutes(5)))
                .extracting(UsageEvent::eventId).containsExactly("w");
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

    private double number(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}

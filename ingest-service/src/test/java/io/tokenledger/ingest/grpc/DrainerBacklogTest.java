package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;
import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.ingest.application.InboxDrainer;
import io.tokenledger.ingest.fakes.FakeAttribution;
import io.tokenledger.ingest.fakes.Fakes;
import io.tokenledger.ingest.persistence.NoDrainerProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The background drainer is off: the tests run drainer ticks themselves and count calls without it racing them
 * (lease 1 s, drainer batch 1,000 in %test).
 */
@QuarkusTest
@TestProfile(NoDrainerProfile.class)
class DrainerBacklogTest {

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Inject
    InboxDrainer drainer;

    @Inject
    DataSource dataSource;

    @AfterEach
    void recover() {
        Fakes.ATTRIBUTION_FAILURE.set(null);
    }

    /** Another test's PENDING batches would be claimed first (oldest first). */
    @BeforeEach
    void emptyInbox() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM ingest.inbox_batch");
            sql.execute("DELETE FROM ingest.inbox_key");
        }
    }

    @Test
    void one_tick_drains_a_backlog_claim_after_claim() throws Exception {
        String tenant = newTenant();
        Fakes.ATTRIBUTION_FAILURE.set(Status.UNAVAILABLE.withDescription("ledger is restarting"));
        int n = 0;
        for (int size : new int[] {1_000, 1_000, 500}) {
            RecordUsageRequest.Builder batch = RecordUsageRequest.newBuilder();
            for (int i = 0; i < size; i++) {
                batch.addEvents(event(tenant, "b-" + n++, "gpt-5-mini", 10, 1));
            }
            assertThat(ingest.recordUsage(batch.build()).getResultsList()).extracting(EventResult::getStatus)
                    .containsOnly(EventStatus.EVENT_STATUS_QUEUED);
        }
        Fakes.ATTRIBUTION_FAILURE.set(null);
        Thread.sleep(1_200); // the request threads' 1 s lease runs out

        // Claims of 1,000, 1,000 and 500 events: the first two were full, the third was not and ends the tick.
        assertThat(drainer.drainBacklog()).isEqualTo(3);

        assertThat(InboxRows.of(dataSource, tenant)).hasSize(2_500).allMatch(r -> r.status().equals("DONE"));
        assertThat(Fakes.recordedFor(tenant)).hasSize(2_500);
    }

    @Test
    void an_attempt_stops_splitting_refused_events_after_its_budget() {
        String tenant = newTenant();
        RecordUsageRequest.Builder batch = RecordUsageRequest.newBuilder();
        for (int i = 0; i < 64; i++) {
            batch.addEvents(event(tenant, FakeAttribution.POISON + i, "gpt-5-mini", 10, 1));
        }

        assertThat(ingest.recordUsage(batch.build()).getResultsList()).extracting(EventResult::getStatus)
                .containsOnly(EventStatus.EVENT_STATUS_QUEUED);

        // Every event refused: isolating all 64 would take 63 splits (127 calls). The attempt stops after 32 splits:
        // the first call, then 2 per split = 65 calls.
        assertThat(Fakes.recordCallsFor(tenant)).isEqualTo(1 + 2 * 32);
    }
}

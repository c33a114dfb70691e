package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;
import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.RecordUsageResponse;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In %test the lease is 1 s and the drainer runs every second with a 200 ms..1 s backoff. */
@QuarkusTest
class DrainerTest {

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Inject
    DataSource dataSource;

    @AfterEach
    void recover() {
        Fakes.ATTRIBUTION_FAILURE.set(null);
    }

    @Test
    void events_queued_while_attribution_is_down_are_completed_exactly_once_after_it_recovers() throws Exception {
        String tenant = newTenant();
        Fakes.ATTRIBUTION_FAILURE.set(Status.UNAVAILABLE.withDescription("ledger is restarting"));

        RecordUsageResponse response = ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "q-1", "gpt-5-mini", 100, 0))
                .addEvents(event(tenant, "q-2", "gpt-5-mini", 0, 100))
                .build());

        assertThat(response.getResultsList()).containsExactly(
                EventResult.newBuilder().setEventId("q-1").setStatus(EventStatus.EVENT_STATUS_QUEUED).build(),
                EventResult.newBuilder().setEventId("q-2").setStatus(EventStatus.EVENT_STATUS_QUEUED).build());
        assertThat(InboxRows.of(dataSource, tenant)).extracting(InboxRows.Row::status).containsOnly("PENDING");

        // While attribution stays down, the drainer retries (after the 1 s lease) and fails again.
        await(() -> InboxRows.of(dataSource, tenant).stream().allMatch(r -> r.attempts() >= 1
                && r.lastError() != null && r.lastError().contains("UNAVAILABLE")), Duration.ofSeconds(10));
        assertThat(InboxRows.of(dataSource, tenant)).extracting(InboxRows.Row::status).containsOnly("PENDING");
        assertThat(Fakes.recordedFor(tenant)).isEmpty();
        assertThat(Fakes.chargedFor(tenant)).isEmpty();

        Fakes.ATTRIBUTION_FAILURE.set(null);
        await(() -> InboxRows.of(dataSource, tenant).stream().allMatch(r -> r.status().equals("DONE")),
                Duration.ofSeconds(15));

        // 100 input x 1,000 nano-USD = 100,000 nano-USD; 100 output x 2,000 nano-USD = 200,000 nano-USD.
        assertThat(InboxRows.of(dataSource, tenant)).extracting(r -> r.eventId() + " " + r.costNanos())
                .containsExactlyInAnyOrder("q-1 100000", "q-2 200000");
        Thread.sleep(1500); // a few more drainer runs: nothing may be sent again
        assertThat(Fakes.recordedFor(tenant)).extracting(CostRecord::getEventId).containsExactlyInAnyOrder("q-1", "q-2");
        List<SpendCharge> charges = Fakes.chargedFor(tenant);
        assertThat(charges).extracting(SpendCharge::getEventId).containsExactlyInAnyOrder("q-1", "q-2");
        assertThat(charges).extracting(SpendCharge::getCostNanos).containsExactlyInAnyOrder(100_000L, 200_000L);

        RecordUsageResponse again = ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "q-1", "gpt-5-mini", 100, 0)).build());
        assertThat(again.getResults(0).getStatus()).isEqualTo(EventStatus.EVENT_STATUS_DUPLICATE);
        assertThat(again.getResults(0).getCostNanos()).isEqualTo(100_000L);
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}

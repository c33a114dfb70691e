package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;
import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.ingest.v1.CorrectionKind;
import io.tokenledger.api.ingest.v1.EventResult;
import io.tokenledger.api.ingest.v1.EventStatus;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.ingest.fakes.FakeAttribution;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Corrections through RecordUsage with the fake downstream services (fake pricing: gpt-5-mini costs 1,000 nano-USD
 * per input token and 2,000 per output token; the fake ledger answers corrections like the real one) and the real
 * inbox. In %test the drainer runs every second.
 */
@QuarkusTest
class CorrectionPipelineTest {

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Inject
    DataSource dataSource;

    private List<EventResult> record(UsageEvent.Builder... events) {
        RecordUsageRequest.Builder request = RecordUsageRequest.newBuilder();
        for (UsageEvent.Builder event : events) {
            request.addEvents(event);
        }
        return ingest.recordUsage(request.build()).getResultsList();
    }

    private static UsageEvent.Builder voiding(String tenant, String id, String target) {
        return UsageEvent.newBuilder().setTenantId(tenant).setEventId(id).setCorrectsEventId(target)
                .setCorrection(CorrectionKind.CORRECTION_KIND_VOID);
    }

    @Test
    void anAmendReversesTheOldChargeAndChargesTheNewAmountOnce() {
        String tenant = newTenant();
        // 100 input x 1,000 = 100,000 nano-USD, team search.
        assertThat(record(event(tenant, "e", "gpt-5-mini", 100, 0)).get(0).getCostNanos()).isEqualTo(100_000);
        // The final usage: 100 in x 1,000 + 50 out x 2,000 = 200,000 nano-USD, now team ads.
        UsageEvent.Builder amend = event(tenant, "a1", "gpt-5-mini", 100, 50).putLabels("team", "ads")
                .setCorrectsEventId("e").setCorrection(CorrectionKind.CORRECTION_KIND_AMEND);
        EventResult result = record(amend).get(0);
        assertThat(result.getStatus()).isEqualTo(EventStatus.EVENT_STATUS_RECORDED);
        assertThat(result.getCostNanos()).isEqualTo(200_000);

        CostRecord recorded = Fakes.recordedFor(tenant).stream().filter(r -> r.getEventId().equals("a1")).findFirst()
                .orElseThrow();
        assertThat(recorded.getCorrectsEventId()).isEqualTo("e");
        assertThat(recorded.getCorrection())
                .isEqualTo(io.tokenledger.api.attribution.v1.CorrectionKind.CORRECTION_KIND_AMEND);
        assertThat(recorded.getCostNanos()).isEqualTo(200_000);

        // Budgets: +100,000 (e), -100,000 in the old scope, +200,000 in the new one: net 200,000 = the new cost.
        List<SpendCharge> charges = Fakes.chargedFor(tenant);
        assertThat(charges).extracting(c -> c.getEventId() + " " + c.getCostNanos() + " "
                + c.getDimensionsMap().get("team") + " " + c.getCorrection())
                .containsExactlyInAnyOrder("e 100000 search false", "a1\u00a7reversal -100000 search true",
                        "a1\u00a7amend 200000 ads true");
        assertThat(charges.stream().mapToLong(SpendCharge::getCostNanos).sum()).isEqualTo(200_000L);
        // Tokens follow too: +100 (e), -100, +150 (100 in + 50 out).
        assertThat(charges).extracting(c -> c.getEventId() + " " + c.getTotalTokens()).containsExactlyInAnyOrder(
                "e 100", "a1\u00a7reversal -100", "a1\u00a7amend 150");

        // A retry is a DUPLICATE with the stored cost, and nothing is sent again.
        EventResult again = record(amend).get(0);
        assertThat(again.getStatus()).isEqualTo(EventStatus.EVENT_STATUS_DUPLICATE);
        assertThat(again.getCostNanos()).isEqualTo(200_000);
        assertThat(Fakes.chargedFor(tenant)).hasSize(3);
    }

    @Test
    void aVoidOfAnEventNotRecordedYetWaitsForItAndThenTakesItsChargeBack() throws Exception {
        String tenant = newTenant();
        // Out of order: the VOID arrives first (it carries nothing but its ids) and is accepted as QUEUED.
        EventResult queued = record(voiding(tenant, "v1", "late")).get(0);
        assertThat(queued.getStatus()).isEqualTo(EventStatus.EVENT_STATUS_QUEUED);
        assertThat(InboxRows.of(dataSource, tenant)).extracting(InboxRows.Row::lastError)
                .containsExactly("the corrected event is not in the ledger yet");

        // The target: 30 out x 2,000 = 60,000 nano-USD.
        assertThat(record(event(tenant, "late", "gpt-5-mini", 0, 30)).get(0).getStatus())
                .isEqualTo(EventStatus.EVENT_STATUS_RECORDED);
        await(() -> InboxRows.of(dataSource, tenant).stream().allMatch(r -> r.status().equals("DONE")));
        assertThat(Fakes.chargedFor(tenant)).extracting(c -> c.getEventId() + " " + c.getCostNanos())
                .containsExactlyInAnyOrder("late 60000", "v1\u00a7reversal -60000");
    }

    @Test
    void aTargetAndItsCorrectionInOneBatchAreAppliedInOrder() {
        String tenant = newTenant();
        List<EventResult> results = record(event(tenant, "e", "gpt-5-mini", 10, 0), voiding(tenant, "v", "e"));
        assertThat(results).extracting(EventResult::getStatus)
                .containsExactly(EventStatus.EVENT_STATUS_RECORDED, EventStatus.EVENT_STATUS_RECORDED);
        // 10 in x 1,000 = 10,000, taken back.
        assertThat(Fakes.chargedFor(tenant).stream().mapToLong(SpendCharge::getCostNanos).sum()).isZero();
    }

    @Test
    void aCorrectionTheLedgerRefusesWaitsAloneWithTheLaterCorrectionsOfItsTarget() {
        String tenant = newTenant();
        record(event(tenant, "e1", "gpt-5-mini", 100, 0), event(tenant, "e2", "gpt-5-mini", 200, 0));

        // The fake ledger refuses every call holding poison-v (INTERNAL): halves isolate it; v3 corrects the same
        // target after it, so it waits behind it; v2 (another target) goes through.
        List<EventResult> results = record(voiding(tenant, FakeAttribution.POISON + "v", "e1"),
                voiding(tenant, "v2", "e2"), voiding(tenant, "v3", "e1"));

        assertThat(results).extracting(r -> r.getEventId() + " " + r.getStatus()).containsExactly(
                "poison-v EVENT_STATUS_QUEUED", "v2 EVENT_STATUS_RECORDED", "v3 EVENT_STATUS_QUEUED");
        // e2's 200 x 1,000 = 200,000 nano-USD taken back; nothing of e1's.
        assertThat(Fakes.chargedFor(tenant)).filteredOn(c -> c.getCostNanos() < 0)
                .extracting(SpendCharge::getCostNanos).containsExactly(-200_000L);
    }

    @Test
    void anOrdinaryEventLeftPendingHoldsBackOnlyTheCorrectionsOfItself() {
        String tenant = newTenant();
        List<EventResult> results = record(event(tenant, "ok-1", "gpt-5-mini", 100, 0),
                event(tenant, FakeAttribution.POISON + "2", "gpt-5-mini", 100, 0),
                voiding(tenant, "v1", "ok-1"), voiding(tenant, "v2", FakeAttribution.POISON + "2"));

        assertThat(results).extracting(r -> r.getEventId() + " " + r.getStatus()).containsExactly(
                "ok-1 EVENT_STATUS_RECORDED", "poison-2 EVENT_STATUS_QUEUED", "v1 EVENT_STATUS_RECORDED",
                "v2 EVENT_STATUS_QUEUED");
        // ok-1: +100 x 1,000 = +100,000 nano-USD, then v1 takes it back.
        assertThat(Fakes.chargedFor(tenant)).extracting(SpendCharge::getCostNanos).containsExactly(100_000L, -100_000L);
    }

    @Test
    void aCorrectionNeedsAKnownKindAndATargetOtherThanItself() {
        String tenant = newTenant();
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> record(
                voiding(tenant, "v1", ""),
                event(tenant, "x", "gpt-5-mini", 1, 0).setCorrectsEventId("e"),
                voiding(tenant, "v2", "v2"),
                voiding(tenant, "v3", "e").setCorrectionValue(7)));
        // A VOID needs nothing but its ids; an unknown kind is validated like a whole event.
        assertThat(fields(error)).containsExactlyInAnyOrder("events[0].corrects_event_id", "events[1].correction",
                "events[2].corrects_event_id", "events[3].correction", "events[3].occurred_time",
                "events[3].provider", "events[3].model", "events[3].usage");
        assertThat(error.getStatus().getDescription())
                .contains("events[0].corrects_event_id: must name the event to correct when correction is set");
        assertThat(InboxRows.of(dataSource, tenant)).isEmpty();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 15 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static List<String> fields(StatusRuntimeException error) {
        try {
            for (var detail : StatusProto.fromThrowable(error).getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField).toList();
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return List.of();
    }
}

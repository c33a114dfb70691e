package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.Dimensions;
import io.tokenledger.api.attribution.v1.LedgerEntry;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RerateUsageRequest;
import io.tokenledger.api.ingest.v1.RerateUsageResponse;
import io.tokenledger.api.pricing.v1.PriceItem;
import io.tokenledger.api.pricing.v1.ServiceTier;
import io.tokenledger.ingest.fakes.FakeLedger;
import io.tokenledger.ingest.fakes.FakePricing;
import io.tokenledger.ingest.fakes.Fakes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * RerateUsage with the fake downstream services and the real ingest database. The fake ledger holds entries in force
 * (at most 3 per ListLedgerEntries page); the fake pricing's current book prices gpt-5-mini at version B
 * ({@link FakePricing#PRICE_ID}): 1,000 nano-USD per input token, 2,000 per output token.
 *
 * <p>The period's entries (2026-01-10, all re-priced at their own time):
 * <ul>
 *   <li>a: 100 in + 50 out, priced at version A ($0.80 / $1.60 per 1M): 100 x 800 + 50 x 1,600 = 80,000 + 80,000 =
 *       160,000; now 100 x 1,000 + 50 x 2,000 = 200,000 (changed; BATCH tier);</li>
 *   <li>b: 10 in at version B already: 10 x 1,000 = 10,000, unchanged;</li>
 *   <li>c: 30 out, UNPRICED (no price then): 0; now 30 x 2,000 = 60,000 (changed);</li>
 *   <li>d: 5 in of "mystery-model", UNPRICED and still UNPRICED: 0 (unchanged);</li>
 *   <li>e: like a, but on 2026-01-20, outside the period.</li>
 * </ul>
 * Old total 160,000 + 10,000 + 0 + 0 = 170,000; new 200,000 + 10,000 + 60,000 + 0 = 270,000; UNPRICED 2 -> 1.
 */
@QuarkusTest
class RerateUsageTest {

    private static final String VERSION_A = "openai/gpt-5-mini@2025-01-01";
    private static final Timestamp START = at("2026-01-10T00:00:00Z");
    private static final Timestamp END = at("2026-01-11T00:00:00Z");

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @Inject
    DataSource dataSource;

    private static Timestamp at(String instant) {
        Instant parsed = Instant.parse(instant);
        return Timestamp.newBuilder().setSeconds(parsed.getEpochSecond()).setNanos(parsed.getNano()).build();
    }

    private static LedgerEntry entry(String tenant, String id, String at, String model, long in, long out,
            String priceId, long cost, PricingStatus status) {
        return LedgerEntry.newBuilder().setEventId(id).setEntryId(id).setEntryKind("USAGE").setOccurredTime(at(at))
                .setProvider("openai").setModel(model)
                .setUsage(TokenUsage.newBuilder().setInputTokens(in).setOutputTokens(out))
                .setDimensions(Dimensions.newBuilder().setTenantId(tenant).setTeam("search").setFeature("answers")
                        .setCustomer("unattributed").setUser("unattributed").setEnvironment("unattributed"))
                .setServiceTier(ServiceTier.SERVICE_TIER_STANDARD).setPriceId(priceId).setCostNanos(cost)
                .setPricingStatus(status).build();
    }

    private static String seed() {
        String tenant = newTenant();
        FakeLedger.seed(tenant, entry(tenant, "a", "2026-01-10T08:00:00Z", "gpt-5-mini", 100, 50, VERSION_A, 160_000,
                PricingStatus.PRICING_STATUS_PRICED).toBuilder().setServiceTier(ServiceTier.SERVICE_TIER_BATCH)
                .build());
        FakeLedger.seed(tenant, entry(tenant, "b", "2026-01-10T09:00:00Z", "gpt-5-mini", 10, 0, FakePricing.PRICE_ID,
                10_000, PricingStatus.PRICING_STATUS_PRICED));
        FakeLedger.seed(tenant, entry(tenant, "c", "2026-01-10T10:00:00Z", "gpt-5-mini", 0, 30, "", 0,
                PricingStatus.PRICING_STATUS_UNPRICED));
        FakeLedger.seed(tenant, entry(tenant, "d", "2026-01-10T11:00:00Z", "mystery-model", 5, 0, "", 0,
                PricingStatus.PRICING_STATUS_UNPRICED));
        FakeLedger.seed(tenant, entry(tenant, "e", "2026-01-20T08:00:00Z", "gpt-5-mini", 100, 50, VERSION_A, 160_000,
                PricingStatus.PRICING_STATUS_PRICED));
        return tenant;
    }

    private RerateUsageResponse rerate(String tenant, boolean dryRun) {
        return ingest.rerateUsage(RerateUsageRequest.newBuilder().setTenantId(tenant).setStartTime(START)
                .setEndTime(END).setDryRun(dryRun).build());
    }

    private static void assertFigures(RerateUsageResponse response, long changed, long oldTotal, long newTotal,
            long unpricedBefore, long unpricedAfter) {
        assertThat(response.getEventsExamined()).isEqualTo(4);
        assertThat(response.getEventsChanged()).isEqualTo(changed);
        assertThat(response.getOldTotalNanos()).isEqualTo(oldTotal);
        assertThat(response.getNewTotalNanos()).isEqualTo(newTotal);
        assertThat(response.getUnpricedBefore()).isEqualTo(unpricedBefore);
        assertThat(response.getUnpricedAfter()).isEqualTo(unpricedAfter);
    }

    @Test
    void reratesTheChangedEntriesChargesTheDeltaAndAuditsTheRun() {
        String tenant = seed();
        RerateUsageResponse run = rerate(tenant, false);
        assertFigures(run, 2, 170_000, 270_000, 2, 1);

        // Each entry was priced like the call: same tenant, tier and occurred time (version in force then).
        PriceItem a = Fakes.pricedFor(tenant).stream().filter(i -> i.getItemId().startsWith("a\u00a7")).findFirst()
                .orElseThrow();
        assertThat(a.getServiceTier()).isEqualTo(ServiceTier.SERVICE_TIER_BATCH);
        assertThat(a.getOccurredTime()).isEqualTo(at("2026-01-10T08:00:00Z"));

        // RERATE corrections of a and c only, with ids derived from the run and the event.
        List<CostRecord> records = Fakes.recordedFor(tenant);
        assertThat(records).extracting(r -> r.getCorrectsEventId() + " " + r.getEventId() + " " + r.getCostNanos()
                + " " + r.getPriceId() + " " + r.getPricingStatus()).containsExactlyInAnyOrder(
                "a a\u00a7rerate\u00a7" + run.getRunId() + " 200000 " + FakePricing.PRICE_ID + " PRICING_STATUS_PRICED",
                "c c\u00a7rerate\u00a7" + run.getRunId() + " 60000 " + FakePricing.PRICE_ID + " PRICING_STATUS_PRICED");
        assertThat(records).allMatch(r -> r.getCorrection() == CorrectionKind.CORRECTION_KIND_RERATE);

        // Budgets: -160,000 + 200,000 for a, -0 + 60,000 for c: net +100,000 = 270,000 - 170,000.
        List<SpendCharge> charges = Fakes.chargedFor(tenant);
        String id = "\u00a7rerate\u00a7" + run.getRunId();
        assertThat(charges).extracting(c -> c.getEventId() + " " + c.getCostNanos() + " " + c.getCorrection())
                .containsExactlyInAnyOrder("a" + id + "\u00a7reversal -160000 true", "a" + id + "\u00a7amend 200000 true",
                        "c" + id + "\u00a7reversal 0 true", "c" + id + "\u00a7amend 60000 true");
        assertThat(charges.stream().mapToLong(SpendCharge::getCostNanos).sum()).isEqualTo(100_000L);
        assertThat(charges).allMatch(c -> c.getDimensionsMap().get("team").equals("search"));
        // The new charge is scoped by the model the entry is priced as now.
        assertThat(charges).filteredOn(c -> c.getEventId().endsWith("amend"))
                .allMatch(c -> c.getDimensionsMap().get("model").equals("gpt-5-mini-2025-08-07"));

        assertThat(auditRows(tenant)).containsExactly(run.getRunId()
                + " DONE 2026-01-10T00:00:00Z 2026-01-11T00:00:00Z 4 2 170000 270000 2 1 null");

        // A second run: the entries in force carry version B now, so nothing changes and nothing is sent.
        RerateUsageResponse again = rerate(tenant, false);
        assertFigures(again, 0, 270_000, 270_000, 1, 1);
        assertThat(Fakes.recordedFor(tenant)).hasSize(2);
        assertThat(Fakes.chargedFor(tenant)).hasSize(4);
        assertThat(auditRows(tenant)).hasSize(2).contains(again.getRunId()
                + " DONE 2026-01-10T00:00:00Z 2026-01-11T00:00:00Z 4 0 270000 270000 1 1 null");
    }

    /**
     * Attribution down during the run: the RERATE corrections were accepted into the inbox, so the drainer records
     * them and charges budgets once attribution is back: the same 2 records and 4 charges as a run without the outage.
     */
    @Test
    void aRunDuringAnOutageIsCompletedByTheDrainerExactlyOnce() throws InterruptedException {
        String tenant = seed();
        Fakes.ATTRIBUTION_FAILURE.set(Status.UNAVAILABLE.withDescription("ledger is restarting"));
        RerateUsageResponse run;
        try {
            run = rerate(tenant, false);
            assertFigures(run, 2, 170_000, 270_000, 2, 1);
            assertThat(Fakes.recordedFor(tenant)).isEmpty();
            assertThat(Fakes.chargedFor(tenant)).isEmpty();
            assertThat(InboxRows.of(dataSource, tenant)).extracting(InboxRows.Row::status)
                    .containsExactly("PENDING", "PENDING");
        } finally {
            Fakes.ATTRIBUTION_FAILURE.set(null);
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (Fakes.chargedFor(tenant).size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Fakes.recordedFor(tenant)).extracting(CostRecord::getCostNanos).containsExactlyInAnyOrder(200_000L,
                60_000L);
        String id = "\u00a7rerate\u00a7" + run.getRunId();
        assertThat(Fakes.chargedFor(tenant)).extracting(c -> c.getEventId() + " " + c.getCostNanos())
                .containsExactlyInAnyOrder("a" + id + "\u00a7reversal -160000", "a" + id + "\u00a7amend 200000",
                        "c" + id + "\u00a7reversal 0", "c" + id + "\u00a7amend 60000");
        assertThat(InboxRows.of(dataSource, tenant)).extracting(InboxRows.Row::status).containsExactly("DONE", "DONE");
    }

    @Test
    void aDryRunReportsTheSameFiguresAndWritesNothing() {
        String tenant = seed();
        RerateUsageResponse dry = rerate(tenant, true);
        assertFigures(dry, 2, 170_000, 270_000, 2, 1);
        assertThat(Fakes.recordedFor(tenant)).isEmpty();
        assertThat(Fakes.chargedFor(tenant)).isEmpty();
        assertThat(auditRows(tenant)).isEmpty();
        // And the real run afterwards finds the same.
        assertFigures(rerate(tenant, false), 2, 170_000, 270_000, 2, 1);
    }

    @Test
    void rejectsABadRequestNamingTheFieldsAndStoresNothing() {
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest.rerateUsage(RerateUsageRequest.getDefaultInstance()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(missing.getStatus().getDescription()).contains("tenant_id").contains("start_time")
                .contains("end_time");

        String tenant = seed();
        StatusRuntimeException backwards = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest.rerateUsage(RerateUsageRequest.newBuilder().setTenantId(tenant).setStartTime(END)
                        .setEndTime(START).build()));
        assertThat(backwards.getStatus().getDescription()).contains("end_time").contains("after start_time");
        // 2026-01-10 + 94 days: one day over the limit of 93.
        StatusRuntimeException tooLong = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest.rerateUsage(RerateUsageRequest.newBuilder().setTenantId(tenant).setStartTime(START)
                        .setEndTime(at("2026-04-14T00:00:00Z")).build()));
        assertThat(tooLong.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(tooLong.getStatus().getDescription()).contains("end_time").contains("93 days");
        assertThat(auditRows(tenant)).isEmpty();
        assertThat(Fakes.pricedFor(tenant)).isEmpty();
    }

    private List<String> auditRows(String tenant) {
        String sql = "SELECT run_id, status, period_start, period_end, events_examined, events_changed,"
                + " old_total_nanos, new_total_nanos, unpriced_before, unpriced_after, error, requested_at <= finished_at"
                + " FROM ingest.rerate_run WHERE tenant_id = ? ORDER BY requested_at";
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getBoolean(12)).isTrue();
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " "
                            + rs.getObject(3, java.time.OffsetDateTime.class).toInstant() + " "
                            + rs.getObject(4, java.time.OffsetDateTime.class).toInstant() + " " + rs.getLong(5) + " "
                            + rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getLong(8) + " " + rs.getLong(9) + " "
                            + rs.getLong(10) + " " + rs.getString(11));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}

package io.tokenledger.attribution.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.LedgerEntry;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesRequest;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesResponse;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.pricing.v1.ServiceTier;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

import static io.tokenledger.attribution.grpc.Records.at;
import static io.tokenledger.attribution.grpc.Records.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * ListLedgerEntries against the real PostgreSQL: only the entries in force, after a void, an amend and a rerate,
 * paged by event id; and the correction entries keep the target's service tier (a REVERSAL drops the reported cost).
 */
@QuarkusTest
class LedgerEntriesTest {

    private static final String MODEL = "entries-model";

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @Inject
    DataSource dataSource;

    private void record(CostRecord... records) {
        attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(List.of(records)).build());
    }

    /** 1,000 in x $2.50/1M = 2,500,000 + 500 out x $10/1M = 5,000,000 -> 7,500,000 nano-USD. */
    private static CostRecord usage(String tenant, String id, String at) {
        return priced(tenant, id, at, "entriestest", MODEL, 1_000, 2_500_000, 500, 5_000_000,
                Map.of("team", "search", "project", "x")).toBuilder().setServiceTier(ServiceTier.SERVICE_TIER_BATCH)
                .setReportedCostNanos(7_000_000).setHasReportedCost(true).build();
    }

    @Test
    void listsTheEntriesInForcePageByPage() {
        String tenant = "entries-" + UUID.randomUUID();
        record(usage(tenant, "a", "2026-02-01T01:00:00Z"), usage(tenant, "b", "2026-02-01T02:00:00Z"),
                usage(tenant, "c", "2026-02-01T03:00:00Z"), usage(tenant, "d", "2026-02-01T04:00:00Z"),
                usage(tenant, "z", "2026-03-01T00:00:00Z"));
        // b voided; c amended to 2,000 in (5,000,000) + 1,000 out (10,000,000) = 15,000,000, team ads;
        // d re-rated to 6,000,000 under a tenant price "p2" (list cost, at the public price, still 7,500,000).
        record(CostRecord.newBuilder().setTenantId(tenant).setEventId("b-void").setCorrectsEventId("b")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID).build(),
                priced(tenant, "c-amend", "2026-02-01T03:00:00Z", "entriestest", MODEL, 2_000, 5_000_000, 1_000,
                        10_000_000, Map.of("team", "ads")).toBuilder().setCorrectsEventId("c")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_AMEND).build(),
                CostRecord.newBuilder().setTenantId(tenant).setEventId("d-rerate").setCorrectsEventId("d")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_RERATE).setProvider("entriestest")
                        .setModel(MODEL).setPricingStatus(PricingStatus.PRICING_STATUS_PRICED).setPriceId("p2")
                        .setCostNanos(6_000_000).setListCostNanos(7_500_000).setBreakdown(CostBreakdown.newBuilder().setInputNanos(2_000_000)
                                .setOutputNanos(4_000_000)).build());

        // a as if written before the ledger kept list costs (V10): unknown.
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement update = connection.prepareStatement("UPDATE attribution.cost_ledger"
                     + " SET list_cost_nanos = NULL WHERE tenant_id = ? AND event_id = 'a'")) {
            update.setString(1, tenant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        List<LedgerEntry> entries = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListLedgerEntriesResponse page = attribution.listLedgerEntries(ListLedgerEntriesRequest.newBuilder()
                    .setTenantId(tenant).setStartTime(at("2026-02-01T00:00:00Z"))
                    .setEndTime(at("2026-02-02T00:00:00Z")).setPageSize(2).setPageToken(token).build());
            assertThat(page.getEntriesCount()).isLessThanOrEqualTo(2);
            entries.addAll(page.getEntriesList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        // a (USAGE), c (its AMEND), d (its RERATE): b is voided, z outside the period. 3 entries at 2 per page.
        assertThat(pages).isEqualTo(2);
        assertThat(entries).extracting(LedgerEntry::getEventId).containsExactly("a", "c", "d");
        assertThat(entries).extracting(LedgerEntry::getEntryId).containsExactly("a", "c-amend", "d-rerate");
        assertThat(entries).extracting(LedgerEntry::getEntryKind).containsExactly("USAGE", "AMEND", "RERATE");
        assertThat(entries).extracting(LedgerEntry::getCostNanos).containsExactly(7_500_000L, 15_000_000L, 6_000_000L);
        assertThat(entries).extracting(LedgerEntry::getPriceId).containsExactly("price-" + MODEL, "price-" + MODEL, "p2");
        // a: unknown; c: its AMEND record sent none (0); d: the RERATE's 7,500,000.
        assertThat(entries).extracting(LedgerEntry::getHasListCost).containsExactly(false, true, true);
        assertThat(entries).extracting(LedgerEntry::getListCostNanos).containsExactly(0L, 0L, 7_500_000L);
        LedgerEntry a = entries.get(0);
        assertThat(a.getUsage().getInputTokens()).isEqualTo(1_000);
        assertThat(a.getUsage().getOutputTokens()).isEqualTo(500);
        assertThat(a.getDimensions().getTeam()).isEqualTo("search");
        assertThat(a.getDimensions().getTagsMap()).containsEntry("project", "x");
        assertThat(a.getServiceTier()).isEqualTo(ServiceTier.SERVICE_TIER_BATCH);
        assertThat(a.getPricingStatus()).isEqualTo(PricingStatus.PRICING_STATUS_PRICED);
        assertThat(a.getOccurredTime()).isEqualTo(at("2026-02-01T01:00:00Z"));
        assertThat(entries.get(1).getDimensions().getTeam()).isEqualTo("ads");
        // The RERATE keeps the target's tier, so the next re-rating prices it on BATCH again.
        assertThat(entries.get(2).getServiceTier()).isEqualTo(ServiceTier.SERVICE_TIER_BATCH);
        assertThat(entries.get(2).getUsage().getInputTokens()).isEqualTo(1_000);
        assertThat(tiersOfReversals(tenant)).containsOnly("BATCH");
    }

    @Test
    void rejectsABadPeriodNamingTheFields() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> attribution.listLedgerEntries(ListLedgerEntriesRequest.newBuilder()
                        .setStartTime(at("2026-02-02T00:00:00Z")).setEndTime(at("2026-02-01T00:00:00Z"))
                        .setPageSize(10_001).setPageToken("%%").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains("tenant_id").contains("end_time")
                .contains("page_size").contains("page_token");
    }

    private List<String> tiersOfReversals(String tenant) {
        List<String> tiers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT service_tier, reported_cost_nanos"
                     + " FROM attribution.cost_ledger WHERE tenant_id = ? AND entry_kind = 'REVERSAL'")) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tiers.add(rows.getString(1));
                    // The reported cost stays on the USAGE row only (a REVERSAL cannot negate it: CHECK >= 0).
                    assertThat(rows.getObject(2)).isNull();
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(tiers).hasSize(3);
        return tiers;
    }
}

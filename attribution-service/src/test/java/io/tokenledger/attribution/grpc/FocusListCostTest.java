package io.tokenledger.attribution.grpc;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostExportServiceGrpc.CostExportServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.ExportCostRequest;
import io.tokenledger.api.attribution.v1.ExportFormat;
import io.tokenledger.api.attribution.v1.ExportGranularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.tokenledger.attribution.grpc.Records.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FOCUS export's ListCost is the cost at the public list price and BilledCost the cost charged (here a tenant
 * price), read from the hourly rollup, through the real gRPC stub and PostgreSQL.
 *
 * <p>Tenant "export-list", openai/gpt-5-mini, one key (all labels the same). List price $0.25 in / $2.00 out per 1M
 * tokens = 250 / 2,000 nano-USD a token; the tenant's own price, until 11:30, half that: 125 / 1,000.
 * <pre>
 * t1 10:05 tenant price 10,000 in x 125 = 1,250,000 + 1,000 out x 1,000 = 1,000,000: cost 2,250,000
 *                list    10,000 in x 250 = 2,500,000 + 1,000 out x 2,000 = 2,000,000: list 4,500,000
 * t2 11:10 tenant price  6,000 in x 125 =   750,000 +   600 out x 1,000 =   600,000: cost 1,350,000
 *                list     6,000 in x 250 = 1,500,000 +   600 out x 2,000 = 1,200,000: list 2,700,000
 * t3 11:40 list price    1,000 in x 250 =   250,000 +   500 out x 2,000 = 1,000,000: cost = list = 1,250,000
 * </pre>
 * Billed 2,250,000 + 1,350,000 + 1,250,000 = 4,850,000; list 4,500,000 + 2,700,000 + 1,250,000 = 8,450,000.
 * A charge's list - billed difference goes to its class rows by their billed cost (largest remainder), since the
 * ledger keeps one list cost per event, not per class.
 */
@QuarkusTest
class FocusListCostTest {

    private static final String TENANT = "export-list";
    private static final Map<String, String> LABELS = Map.of("team", "support", "feature", "chat", "customer", "c-1",
            "user", "u-1", "environment", "prod");

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @GrpcClient("attribution")
    CostExportServiceBlockingStub exports;

    @BeforeEach
    void recordLedger() {
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(call("t1", "2026-03-02T10:05:00Z", 10_000, 1_250_000, 1_000, 1_000_000, 4_500_000))
                .addRecords(call("t2", "2026-03-02T11:10:00Z", 6_000, 750_000, 600, 600_000, 2_700_000))
                .addRecords(call("t3", "2026-03-02T11:40:00Z", 1_000, 250_000, 500, 1_000_000, 1_250_000))
                .build());
    }

    private static CostRecord call(String id, String time, long input, long inputNanos, long output,
                                   long outputNanos, long listCostNanos) {
        return Records.priced(TENANT, id, time, "openai", "gpt-5-mini", input, inputNanos, output, outputNanos, LABELS)
                .toBuilder().setListCostNanos(listCostNanos).build();
    }

    @Test
    void hourlyListCostIsTheListPriceAndBilledCostTheTenantPrice() {
        // 10:00, t1 alone: difference 4,500,000 - 2,250,000 = 2,250,000 split 1,250,000 : 1,000,000, so each class
        // shows its own list cost: input 2,500,000, output 2,000,000 (requests: $0 either way).
        // 11:00, t2 + t3: input billed 750,000 + 250,000 = 1,000,000, output 600,000 + 1,000,000 = 1,600,000;
        // difference (2,700,000 + 1,250,000) - 2,600,000 = 1,350,000 split 1,000,000 : 1,600,000:
        // input 1,350,000 x 1,000 / 2,600 = 519,230.77 -> 519,230 (+1 left over, larger remainder) = 519,231,
        // output 830,769.23 -> 830,769: list 1,519,231 and 2,430,769 (sum 3,950,000).
        assertThat(costs(ExportGranularity.EXPORT_GRANULARITY_HOUR)).containsExactly(
                "2026-03-02T10:00:00Z input 0.001250000 0.002500000",
                "2026-03-02T10:00:00Z output 0.001000000 0.002000000",
                "2026-03-02T10:00:00Z requests 0.000000000 0.000000000",
                "2026-03-02T11:00:00Z input 0.001000000 0.001519231",
                "2026-03-02T11:00:00Z output 0.001600000 0.002430769",
                "2026-03-02T11:00:00Z requests 0.000000000 0.000000000");
    }

    @Test
    void dailyListCostSumsTheDayAndAddsUpToTheLedgersListCost() {
        // One charge for the day: input billed 2,250,000, output 2,600,000 (4,850,000); difference 8,450,000 -
        // 4,850,000 = 3,600,000 split 2,250,000 : 2,600,000: input 3,600,000 x 2,250 / 4,850 = 1,670,103.09 ->
        // 1,670,103, output 1,929,896.91 -> 1,929,896 + 1 left over = 1,929,897; list 3,920,103 and 4,529,897.
        assertThat(costs(ExportGranularity.EXPORT_GRANULARITY_DAY)).containsExactly(
                "2026-03-02T00:00:00Z input 0.002250000 0.003920103",
                "2026-03-02T00:00:00Z output 0.002600000 0.004529897",
                "2026-03-02T00:00:00Z requests 0.000000000 0.000000000");
        for (ExportGranularity granularity : List.of(ExportGranularity.EXPORT_GRANULARITY_HOUR,
                ExportGranularity.EXPORT_GRANULARITY_DAY)) {
            List<List<String>> rows = rows(granularity);
            assertThat(sum(rows, "ListCost")).isEqualTo(8_450_000);
            assertThat(sum(rows, "BilledCost")).isEqualTo(4_850_000).isEqualTo(sum(rows, "EffectiveCost"))
                    .isEqualTo(sum(rows, "ContractedCost"))
                    .isEqualTo(attribution.queryCost(QueryCostRequest.newBuilder().setTenantId(TENANT)
                            .setStartTime(at("2026-03-02T00:00:00Z")).setEndTime(at("2026-03-03T00:00:00Z")).build())
                            .getTotal().getCostNanos());
        }
    }

    /** "ChargePeriodStart x_TokenClass BilledCost ListCost" per row. */
    private List<String> costs(ExportGranularity granularity) {
        List<List<String>> rows = rows(granularity);
        List<String> header = rows.get(0);
        return rows.subList(1, rows.size()).stream().map(row -> String.join(" ",
                row.get(header.indexOf("ChargePeriodStart")), row.get(header.indexOf("x_TokenClass")),
                row.get(header.indexOf("BilledCost")), row.get(header.indexOf("ListCost")))).toList();
    }

    private List<List<String>> rows(ExportGranularity granularity) {
        StringBuilder file = new StringBuilder();
        exports.exportCost(ExportCostRequest.newBuilder().setTenantId(TENANT).setStartTime(at("2026-03-02T00:00:00Z"))
                        .setEndTime(at("2026-03-03T00:00:00Z")).setFormat(ExportFormat.EXPORT_FORMAT_FOCUS)
                        .setGranularity(granularity).build())
                .forEachRemaining(chunk -> file.append(chunk.getData().toString(StandardCharsets.UTF_8)));
        return CostExportTest.Csv.parse(file.toString());
    }

    /** A money column's sum over the data rows, in nano-USD. */
    private static long sum(List<List<String>> rows, String column) {
        int index = rows.get(0).indexOf(column);
        return rows.subList(1, rows.size()).stream()
                .mapToLong(row -> new BigDecimal(row.get(index)).movePointRight(9).longValueExact()).sum();
    }
}

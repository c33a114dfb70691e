package io.tokenledger.attribution.grpc;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.AttributionServiceGrpc.AttributionServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CostExportServiceGrpc.CostExportServiceBlockingStub;
import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.ExportCostChunk;
import io.tokenledger.api.attribution.v1.ExportCostRequest;
import io.tokenledger.api.attribution.v1.ExportFormat;
import io.tokenledger.api.attribution.v1.ExportGranularity;
import io.tokenledger.api.attribution.v1.QueryCostRequest;
import io.tokenledger.api.attribution.v1.QueryCostResponse;
import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.common.v1.PricingStatus;
import io.tokenledger.api.common.v1.TokenUsage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.tokenledger.attribution.grpc.Records.at;
import static io.tokenledger.attribution.grpc.Records.listPriced;
import static io.tokenledger.attribution.grpc.Records.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * ExportCost through the real gRPC stub against the real PostgreSQL (rows read from the hourly rollup that
 * RecordCosts maintains).
 *
 * <p>The ledger of tenant "export-csv" (UTC; prices per 1M: gpt-4o $2.50 in / $10 out, claude-sonnet-4 $3 / $15):
 * <pre>
 * x1 03-02 10:15 openai/gpt-4o  search/chat/c-1/u-1/prod  1,000 in = 2,500,000 + 500 out = 5,000,000, 1 request
 * x2 03-02 10:45 openai/gpt-4o  search/chat/c-1/u-1/prod  2,000 in = 5,000,000 + 100 out = 1,000,000, 1 request
 *    hour 10:00: input 3,000 = 7,500,000; output 600 = 6,000,000; 2 requests ($0); 2 events
 * x3 03-02 11:05 anthropic/claude-sonnet-4  feature summarize only  10,000 in = 30,000,000 + 2,000 out = 30,000,000
 * x4 03-02 11:30 unknown/mystery-1 feature chat, UNPRICED, 50 in, 10 out, no request count -> $0
 * x5 03-03 00:10 openai/gpt-4o  search/chat/"acme, inc"/u-2/prod  400 in = 1,000,000 + 100 out = 1,000,000
 * x6 03-04 00:00 openai/gpt-4o  (the range's exclusive end: not exported)  9,000,000
 * exported [03-02, 03-04): 7,500,000 + 6,000,000 + 60,000,000 + 0 + 2,000,000 = 75,500,000 nano-USD
 * </pre>
 * Every priced event is at the list price (list cost = cost); FocusListCostTest has tenant prices.
 */
@QuarkusTest
class CostExportTest {

    private static final String TENANT = "export-csv";
    private static final String START = "2026-03-02T00:00:00Z";
    private static final String END = "2026-03-04T00:00:00Z";
    private static final String CSV_HEADER = "period_start,period_end,provider,model,team,feature,customer,user,"
            + "environment,pricing_status,token_class,quantity,unit,cost_usd,events";

    @GrpcClient("attribution")
    AttributionServiceBlockingStub attribution;

    @GrpcClient("attribution")
    CostExportServiceBlockingStub exports;

    @TestHTTPResource("/v1/exports/cost")
    URL http;

    @BeforeEach
    void recordLedger() {
        Map<String, String> search = Map.of("team", "search", "feature", "chat", "customer", "c-1", "user", "u-1",
                "environment", "prod");
        List<CostRecord> records = List.of(
                listPriced(TENANT, "x1", "2026-03-02T10:15:00Z", "openai", "gpt-4o", 1_000, 2_500_000, 500, 5_000_000,
                        search),
                listPriced(TENANT, "x2", "2026-03-02T10:45:00Z", "openai", "gpt-4o", 2_000, 5_000_000, 100, 1_000_000,
                        search),
                listPriced(TENANT, "x3", "2026-03-02T11:05:00Z", "anthropic", "claude-sonnet-4", 10_000, 30_000_000,
                        2_000, 30_000_000, Map.of("feature", "summarize")),
                CostRecord.newBuilder().setTenantId(TENANT).setEventId("x4").setOccurredTime(at("2026-03-02T11:30:00Z"))
                        .setProvider("unknown").setModel("mystery-1")
                        .setUsage(TokenUsage.newBuilder().setInputTokens(50).setOutputTokens(10))
                        .setPricingStatus(PricingStatus.PRICING_STATUS_UNPRICED).setUnpricedReason("no price")
                        .putLabels("feature", "chat").build(),
                listPriced(TENANT, "x5", "2026-03-03T00:10:00Z", "openai", "gpt-4o", 400, 1_000_000, 100, 1_000_000,
                        Map.of("team", "search", "feature", "chat", "customer", "acme, inc", "user", "u-2",
                                "environment", "prod")),
                listPriced(TENANT, "x6", "2026-03-04T00:00:00Z", "openai", "gpt-4o", 1_000, 2_500_000, 650, 6_500_000,
                        search));
        attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(records).build());
    }

    private static ExportCostRequest.Builder request(ExportFormat format, ExportGranularity granularity) {
        return ExportCostRequest.newBuilder().setTenantId(TENANT).setStartTime(at(START)).setEndTime(at(END))
                .setFormat(format).setGranularity(granularity);
    }

    private List<ExportCostChunk> chunks(ExportCostRequest request) {
        List<ExportCostChunk> chunks = new ArrayList<>();
        exports.exportCost(request).forEachRemaining(chunks::add);
        return chunks;
    }

    private String file(ExportCostRequest request) {
        StringBuilder file = new StringBuilder();
        chunks(request).forEach(chunk -> file.append(chunk.getData().toString(StandardCharsets.UTF_8)));
        return file.toString();
    }

    @Test
    void hourlyCsvHasExactlyTheExpectedRows() {
        String file = file(request(ExportFormat.EXPORT_FORMAT_CSV, ExportGranularity.EXPORT_GRANULARITY_HOUR).build());
        assertThat(file.split("\n", -1)).containsExactly(
                CSV_HEADER,
                "2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,input,3000,tokens,0.007500000,2",
                "2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,output,600,tokens,0.006000000,2",
                "2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,requests,2,requests,0.000000000,2",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,anthropic,claude-sonnet-4,unattributed,summarize,unattributed,unattributed,unattributed,PRICED,input,10000,tokens,0.030000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,anthropic,claude-sonnet-4,unattributed,summarize,unattributed,unattributed,unattributed,PRICED,output,2000,tokens,0.030000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,anthropic,claude-sonnet-4,unattributed,summarize,unattributed,unattributed,unattributed,PRICED,requests,1,requests,0.000000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,unknown,mystery-1,unattributed,chat,unattributed,unattributed,unattributed,UNPRICED,input,50,tokens,0.000000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,unknown,mystery-1,unattributed,chat,unattributed,unattributed,unattributed,UNPRICED,output,10,tokens,0.000000000,1",
                "2026-03-03T00:00:00Z,2026-03-03T01:00:00Z,openai,gpt-4o,search,chat,\"acme, inc\",u-2,prod,PRICED,input,400,tokens,0.001000000,1",
                "2026-03-03T00:00:00Z,2026-03-03T01:00:00Z,openai,gpt-4o,search,chat,\"acme, inc\",u-2,prod,PRICED,output,100,tokens,0.001000000,1",
                "2026-03-03T00:00:00Z,2026-03-03T01:00:00Z,openai,gpt-4o,search,chat,\"acme, inc\",u-2,prod,PRICED,requests,1,requests,0.000000000,1",
                "");
    }

    @Test
    void correctionsExportOnlyWhatIsInForce() {
        String tenant = "export-corr";
        Map<String, String> search = Map.of("team", "search", "feature", "chat", "customer", "c-1", "user", "u-1",
                "environment", "prod");
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(priced(tenant, "y1", "2026-03-02T10:15:00Z", "openai", "gpt-4o", 1_000, 2_500_000, 500,
                        5_000_000, search))
                .addRecords(priced(tenant, "y2", "2026-03-02T10:45:00Z", "openai", "gpt-4o", 2_000, 5_000_000, 100,
                        1_000_000, search))
                .addRecords(priced(tenant, "y3", "2026-03-02T11:05:00Z", "openai", "gpt-4o", 400, 1_000_000, 100,
                        1_000_000, search))
                .addRecords(priced(tenant, "y4", "2026-03-02T12:10:00Z", "openai", "gpt-4o", 400, 1_000_000, 100,
                        1_000_000, Map.of("customer", "c-9")))
                .build());
        attribution.recordCosts(RecordCostsRequest.newBuilder()
                .addRecords(CostRecord.newBuilder().setTenantId(tenant).setEventId("v-y2").setCorrectsEventId("y2")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID))
                .addRecords(CostRecord.newBuilder().setTenantId(tenant).setEventId("v-y4").setCorrectsEventId("y4")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_VOID))
                .addRecords(priced(tenant, "a-y3", "2026-03-02T11:05:00Z", "openai", "gpt-4o", 800, 2_000_000, 100,
                        1_000_000, search).toBuilder().setCorrectsEventId("y3")
                        .setCorrection(CorrectionKind.CORRECTION_KIND_AMEND))
                .build());

        String file = file(request(ExportFormat.EXPORT_FORMAT_CSV, ExportGranularity.EXPORT_GRANULARITY_HOUR)
                .setTenantId(tenant).build());
        // 10:00 y1 alone (y2 voided): 1,000 in = 2,500,000, 500 out = 5,000,000, 1 request, 1 event.
        // 11:00 y3 as amended: 800 in = 2,000,000, 100 out = 1,000,000, 1 event. 12:00: y4 voided, no lines.
        assertThat(file.split("\n", -1)).containsExactly(
                CSV_HEADER,
                "2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,input,1000,tokens,0.002500000,1",
                "2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,output,500,tokens,0.005000000,1",
                "2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,requests,1,requests,0.000000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,input,800,tokens,0.002000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,output,100,tokens,0.001000000,1",
                "2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,requests,1,requests,0.000000000,1",
                "");
    }

    @Test
    void dailyCsvSumsTheHoursOfADayAndFiltersLikeQueryCost() {
        String file = file(request(ExportFormat.EXPORT_FORMAT_CSV, ExportGranularity.EXPORT_GRANULARITY_DAY)
                .putFilters("team", "search").build());
        // x1 + x2 on 03-02 (x3, x4 are team unattributed), x5 on 03-03.
        assertThat(file.split("\n", -1)).containsExactly(
                CSV_HEADER,
                "2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,input,3000,tokens,0.007500000,2",
                "2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,output,600,tokens,0.006000000,2",
                "2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,requests,2,requests,0.000000000,2",
                "2026-03-03T00:00:00Z,2026-03-04T00:00:00Z,openai,gpt-4o,search,chat,\"acme, inc\",u-2,prod,PRICED,input,400,tokens,0.001000000,1",
                "2026-03-03T00:00:00Z,2026-03-04T00:00:00Z,openai,gpt-4o,search,chat,\"acme, inc\",u-2,prod,PRICED,output,100,tokens,0.001000000,1",
                "2026-03-03T00:00:00Z,2026-03-04T00:00:00Z,openai,gpt-4o,search,chat,\"acme, inc\",u-2,prod,PRICED,requests,1,requests,0.000000000,1",
                "");
    }

    @Test
    void focusRowHasEveryColumnAsDocumented() {
        String file = file(request(ExportFormat.EXPORT_FORMAT_FOCUS, ExportGranularity.EXPORT_GRANULARITY_HOUR)
                .putFilters("customer", "acme, inc").build());
        String[] lines = file.split("\n");
        assertThat(lines[0]).isEqualTo("BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,"
                + "BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,"
                + "ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ContractedCost,ContractedUnitPrice,"
                + "EffectiveCost,InvoiceIssuerName,ListCost,ListUnitPrice,PricingQuantity,PricingUnit,ProviderName,"
                + "PublisherName,ResourceId,ResourceName,ServiceCategory,ServiceName,ServiceSubcategory,SkuId,SkuMeter,"
                + "SkuPriceId,Tags,x_Customer,x_Environment,x_Events,x_Feature,x_PricingStatus,x_Team,x_TokenClass,"
                + "x_User,AllocatedMethodDetails,AllocatedMethodId,AllocatedResourceId,AllocatedResourceName,"
                + "AllocatedTags,ContractApplied,HostProviderName,ServiceProviderName");
        assertThat(lines).hasSize(4);
        // x5's input: 400 tokens = 0.0004 of the 1M-token pricing unit, $0.001.
        assertThat(lines[1]).isEqualTo("0.001000000,export-csv,export-csv,USD,2026-04-01T00:00:00Z,"
                + "2026-03-01T00:00:00Z,Usage,,openai/gpt-4o input tokens,Usage-Based,2026-03-03T01:00:00Z,"
                + "2026-03-03T00:00:00Z,400,Tokens,0.001000000,,0.001000000,openai,0.001000000,,0.0004,1M Tokens,"
                + "openai,openai,openai/gpt-4o,gpt-4o,AI and Machine Learning,openai,Generative AI,openai/gpt-4o/input,"
                + "input,,\"{\"\"customer\"\":\"\"acme, inc\"\",\"\"environment\"\":\"\"prod\"\",\"\"feature\"\":"
                + "\"\"chat\"\",\"\"team\"\":\"\"search\"\",\"\"user\"\":\"\"u-2\"\"}\",\"acme, inc\",prod,1,chat,PRICED,"
                + "search,input,u-2,,,,,,,openai,openai");
        assertThat(lines[3]).startsWith("0.000000000,").contains(",openai/gpt-4o requests,", ",1,Requests,",
                ",0.000001,1M Requests,", ",openai/gpt-4o/requests,requests,");
    }

    @Test
    void focusTotalsEqualQueryCostToTheNanoUsd() {
        for (ExportGranularity granularity : List.of(ExportGranularity.EXPORT_GRANULARITY_HOUR,
                ExportGranularity.EXPORT_GRANULARITY_DAY)) {
            List<List<String>> rows = Csv.parse(file(request(ExportFormat.EXPORT_FORMAT_FOCUS, granularity).build()));
            List<String> header = rows.get(0);
            int billed = header.indexOf("BilledCost");
            int effective = header.indexOf("EffectiveCost");
            int quantity = header.indexOf("ConsumedQuantity");
            int tokenClass = header.indexOf("x_TokenClass");
            BigDecimal billedSum = BigDecimal.ZERO;
            BigDecimal effectiveSum = BigDecimal.ZERO;
            long input = 0;
            long output = 0;
            for (List<String> row : rows.subList(1, rows.size())) {
                assertThat(row).hasSize(header.size());
                billedSum = billedSum.add(new BigDecimal(row.get(billed)));
                effectiveSum = effectiveSum.add(new BigDecimal(row.get(effective)));
                input += row.get(tokenClass).equals("input") ? Long.parseLong(row.get(quantity)) : 0;
                output += row.get(tokenClass).equals("output") ? Long.parseLong(row.get(quantity)) : 0;
            }
            QueryCostResponse query = attribution.queryCost(QueryCostRequest.newBuilder().setTenantId(TENANT)
                    .setStartTime(at(START)).setEndTime(at(END)).build());
            assertThat(query.getTotal().getCostNanos()).isEqualTo(75_500_000L);
            assertThat(billedSum.movePointRight(9).longValueExact()).isEqualTo(75_500_000L);
            assertThat(effectiveSum).isEqualByComparingTo(billedSum);
            // input 3,000 + 10,000 + 50 + 400 = 13,450; output 600 + 2,000 + 10 + 100 = 2,710
            assertThat(input).isEqualTo(query.getTotal().getTokens().getInputTokens()).isEqualTo(13_450);
            assertThat(output).isEqualTo(query.getTotal().getTokens().getOutputTokens()).isEqualTo(2_710);
        }
    }

    @Test
    void aBigExportComesInSeveralChunksOfWholeLines() {
        // 1,500 events, each its own user, in one hour: 1,500 keys x 3 classes (input, output, requests) = 4,500 rows.
        List<CostRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            records.add(priced("export-big", "b" + i, "2026-03-05T07:" + String.format("%02d", i % 60) + ":00Z",
                    "openai", "gpt-4o", 1_000, 2_500_000, 100, 1_000_000, Map.of("feature", "bulk", "user", "u" + i)));
        }
        attribution.recordCosts(RecordCostsRequest.newBuilder().addAllRecords(records).build());

        List<ExportCostChunk> chunks = chunks(ExportCostRequest.newBuilder().setTenantId("export-big")
                .setStartTime(at("2026-03-05T00:00:00Z")).setEndTime(at("2026-03-06T00:00:00Z"))
                .setFormat(ExportFormat.EXPORT_FORMAT_CSV).build());

        assertThat(chunks.size()).isGreaterThan(1);
        long rows = 0;
        StringBuilder file = new StringBuilder();
        for (ExportCostChunk chunk : chunks) {
            String data = chunk.getData().toString(StandardCharsets.UTF_8);
            assertThat(data).endsWith("\n");
            assertThat(data.chars().filter(c -> c == '\n').count())
                    .isEqualTo(chunk.getRowCount() + (file.length() == 0 ? 1 : 0));
            rows += chunk.getRowCount();
            file.append(data);
        }
        assertThat(rows).isEqualTo(4_500);
        assertThat(file.toString()).startsWith(CSV_HEADER + "\n").containsOnlyOnce("period_start");
        // 1,500 x $0.0035 = $5.25 = 5,250,000,000 nano-USD
        long nanos = Csv.parse(file.toString()).stream().skip(1)
                .mapToLong(row -> new BigDecimal(row.get(13)).movePointRight(9).longValueExact()).sum();
        assertThat(nanos).isEqualTo(5_250_000_000L);
    }

    @Test
    void httpGetStreamsTheSameFileAsTextCsv() throws Exception {
        HttpResponse<String> response = get("?tenant_id=" + TENANT + "&start_time=" + START + "&end_time=" + END
                + "&format=focus&granularity=day&filter.team=search");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.body()).isEqualTo(file(request(ExportFormat.EXPORT_FORMAT_FOCUS,
                ExportGranularity.EXPORT_GRANULARITY_DAY).putFilters("team", "search").build()));
        assertThat(response.body().split("\n")).hasSize(7); // header + 2 days x 3 classes
    }

    @Test
    void httpBadParametersAre400NamingTheFields() throws Exception {
        HttpResponse<String> response = get("?tenant_id=" + TENANT + "&start_time=2026-03-02T10:30:00Z&end_time="
                + END + "&format=xlsx&filter.tag:region=eu");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"start_time\"", "\"field\":\"format\"",
                "\"field\":\"filters[tag:region]\"").doesNotContain("end_time");
        assertThat(get("?tenant_id=a&start_time=yesterday&end_time=" + END).body())
                .contains("\"field\":\"start_time\",\"description\":\"must be an ISO-8601 UTC instant");
    }

    private HttpResponse<String> get(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anEmptyRangeIsTheHeaderOnly() {
        String file = file(ExportCostRequest.newBuilder().setTenantId("export-nobody").setStartTime(at(START))
                .setEndTime(at(END)).setFormat(ExportFormat.EXPORT_FORMAT_CSV).build());
        assertThat(file).isEqualTo(CSV_HEADER + "\n");
    }

    @Test
    void invalidRequestsNameEveryField() {
        assertThat(violations(ExportCostRequest.newBuilder().build()))
                .containsExactlyInAnyOrder("tenant_id", "format", "start_time", "end_time");
        assertThat(violations(ExportCostRequest.newBuilder().setTenantId(TENANT)
                .setStartTime(at("2026-03-02T10:30:00Z")).setEndTime(at("2026-03-02T10:00:00Z"))
                .setFormat(ExportFormat.EXPORT_FORMAT_FOCUS)
                .putFilters("tag:region", "eu").putFilters("planet", "mars").build()))
                .containsExactlyInAnyOrder("start_time", "end_time", "filters[tag:region]", "filters[planet]");
        assertThat(violations(request(ExportFormat.EXPORT_FORMAT_CSV, ExportGranularity.EXPORT_GRANULARITY_DAY)
                .setStartTime(at("2026-03-02T01:00:00Z")).setEndTime(at("2026-03-02T05:00:00Z")).build()))
                .containsExactlyInAnyOrder("start_time", "end_time");
        assertThat(violations(request(ExportFormat.EXPORT_FORMAT_CSV, ExportGranularity.EXPORT_GRANULARITY_HOUR)
                .setEndTime(at(START)).build()))
                .containsExactly("end_time");
        assertThat(violations(request(ExportFormat.EXPORT_FORMAT_CSV, ExportGranularity.EXPORT_GRANULARITY_HOUR)
                .setGranularityValue(9).build()))
                .containsExactly("granularity");
    }

    private List<String> violations(ExportCostRequest request) {
        Iterator<ExportCostChunk> stream = exports.exportCost(request);
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, stream::hasNext);
        assertThat(error).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        try {
            for (var detail : StatusProto.fromThrowable(error).getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField).toList();
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no BadRequest detail");
    }

    /** A minimal RFC 4180 reader for the tests (quoted fields, doubled quotes, "\n" line ends). */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            return rows;
        }
    }
}

package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The export formats' pure parts: quoting, exact decimals, FOCUS columns derived from a row. */
class ExportLayoutTest {

    private static ExportRow row(String customer, TokenClass tokenClass, long quantity, long nanos) {
        return new ExportRow(Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "openai",
                "gpt-4o", "search", "chat", customer, "u-1", "prod", "PRICED", tokenClass, quantity, nanos, 3,
                nanos);
    }

    @Test
    void csvQuotesFieldsWithCommasQuotesOrLineBreaksOnly() {
        assertThat(ExportLayout.join(List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""))).isEqualTo(
                "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
    }

    @Test
    void costIsAnExactDecimalWithNinePlaces() {
        assertThat(ExportLayout.usd(0)).isEqualTo("0.000000000");
        assertThat(ExportLayout.usd(7_500_000)).isEqualTo("0.007500000");
        assertThat(ExportLayout.usd(382_711_938_800L)).isEqualTo("382.711938800");
        assertThat(ExportLayout.usd(-1)).isEqualTo("-0.000000001");
        assertThat(ExportLayout.usd(Long.MAX_VALUE)).isEqualTo("9223372036.854775807");
    }

    @Test
    void csvLineOfACachedInputRow() {
        assertThat(new CsvLayout().line(row("c-1", TokenClass.CACHED_INPUT, 1_234, 308_500))).isEqualTo(
                "2026-12-31T23:00:00Z,2027-01-01T00:00:00Z,openai,gpt-4o,search,chat,c-1,u-1,prod,PRICED,"
                        + "cached_input,1234,tokens,0.000308500,3\n");
    }

    @Test
    void focusBillingPeriodIsTheChargePeriodsUtcMonth() {
        String line = new FocusLayout("acme").line(row("c-1", TokenClass.OUTPUT, 10, 100_000));
        assertThat(line).startsWith("0.000100000,acme,acme,USD,2027-01-01T00:00:00Z,2026-12-01T00:00:00Z,Usage,,"
                + "openai/gpt-4o output tokens,Usage-Based,2027-01-01T00:00:00Z,2026-12-31T23:00:00Z,10,Tokens,");
    }

    @Test
    void negativeAmountsAreCorrections() {
        String line = new FocusLayout("acme").line(row("c-1", TokenClass.INPUT, -1_000, -2_500_000));
        assertThat(line).startsWith("-0.002500000,acme,acme,USD,2027-01-01T00:00:00Z,2026-12-01T00:00:00Z,Usage,"
                + "Correction,");
    }

    @Test
    void focusListCostIsTheRowsListCostAndTheOtherCostsItsBilledCost() {
        List<String> columns = FocusLayout.COLUMNS;
        // Every cost column comes before Tags, the first field holding commas.
        String[] fields = new FocusLayout("acme").line(row("c-1", TokenClass.INPUT, 10_000, 1_250_000)
                .withListCost(2_500_000)).split(",");
        assertThat(fields[columns.indexOf("ListCost")]).isEqualTo("0.002500000");
        for (String billed : List.of("BilledCost", "EffectiveCost", "ContractedCost")) {
            assertThat(fields[columns.indexOf(billed)]).as(billed).isEqualTo("0.001250000");
        }
    }

    @Test
    void focusPricingQuantityIsInMillionsExactly() {
        assertThat(FocusLayout.perMillion(0)).isEqualTo("0");
        assertThat(FocusLayout.perMillion(1)).isEqualTo("0.000001");
        assertThat(FocusLayout.perMillion(1_500)).isEqualTo("0.0015");
        assertThat(FocusLayout.perMillion(3_000_000)).isEqualTo("3");
    }

    @Test
    void focusTagsAreJsonWithEscapesAndSortedKeys() {
        assertThat(FocusLayout.tags(row("a \"b\"\\c\n", TokenClass.INPUT, 1, 1))).isEqualTo(
                "{\"customer\":\"a \\\"b\\\"\\\\c\\n\",\"environment\":\"prod\",\"feature\":\"chat\","
                        + "\"team\":\"search\",\"user\":\"u-1\"}");
        assertThat(FocusLayout.jsonString("\u0001")).isEqualTo("\"\\u0001\"");
    }

    @Test
    void focusHasAColumnForEveryValue() {
        String line = new FocusLayout("acme").line(row("c-1", TokenClass.WEB_SEARCH_QUERIES, 2, 20_000_000));
        assertThat(line).contains(",openai/gpt-4o web search queries,", ",2,Queries,", ",0.000002,1M Queries,",
                ",openai/gpt-4o/web_search_queries,web_search_queries,");
    }

    @Test
    void focus13ColumnsComeAfterTheFocus12Columns() {
        // A FOCUS 1.2 reader by position still finds its 41 columns where they were (x_User the 41st).
        assertThat(FocusLayout.COLUMNS.indexOf("x_User")).isEqualTo(40);
        assertThat(FocusLayout.COLUMNS.subList(41, FocusLayout.COLUMNS.size())).containsExactly(
                "AllocatedMethodDetails", "AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName",
                "AllocatedTags", "ContractApplied", "HostProviderName", "ServiceProviderName");
        // A direct charge: five null allocation columns, null ContractApplied, the provider as service and host.
        assertThat(new FocusLayout("acme").line(row("c-1", TokenClass.INPUT, 1, 1)))
                .endsWith(",u-1,,,,,,,openai,openai\n");
    }

    @Test
    void exportsEveryClassButEpochs() {
        assertThat(ExportQuery.CLASSES).hasSize(TokenClass.values().length - 1).doesNotContain(TokenClass.TRAINING_EPOCHS);
    }

    @Test
    void dayExportsNeedWholeUtcDays() {
        ExportQuery query = ExportQuery.parse("t", Optional.of(Instant.parse("2026-03-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-04-01T00:00:00Z")), Optional.of(ExportFormat.FOCUS),
                Optional.of(Granularity.DAY), Map.of("user", "u-1"));
        assertThat(query.filters()).containsExactly(Map.entry(Dimension.of(Dimension.Kind.USER), "u-1"));
    }
}

package io.tokenledger.attribution.domain;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * FinOps FOCUS 1.2 cost and usage columns, then the columns FOCUS 1.3 adds, one line per charge period, key and
 * token class (every column, its source and why some are empty: attribution-service/EXPORTS.md).
 *
 * <p>BilledCost = EffectiveCost = ContractedCost: the ledger's exact cost (the tenant's own price is its contracted
 * price; there are no commitments or amortized purchases). ListCost is the cost at the public list price
 * ({@link ListCostSplit}). Unit prices and SkuPriceId stay empty: a row sums events that may have been priced at
 * different prices, and the rollup keeps no price id.
 */
public final class FocusLayout implements ExportLayout {

    static final List<String> COLUMNS = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "ConsumedQuantity",
            "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost",
            "ListUnitPrice", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ResourceId",
            "ResourceName", "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceId",
            "Tags", "x_Customer", "x_Environment", "x_Events", "x_Feature", "x_PricingStatus", "x_Team",
            "x_TokenClass", "x_User",
            // FOCUS 1.3, after every 1.2 column so that a 1.2 reader finds its columns where they were.
            "AllocatedMethodDetails", "AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName",
            "AllocatedTags", "ContractApplied", "HostProviderName", "ServiceProviderName");

    private final String tenantId;

    public FocusLayout(String tenantId) {
        this.tenantId = tenantId;
    }

    @Override
    public String header() {
        return ExportLayout.join(COLUMNS);
    }

    @Override
    public String line(ExportRow row) {
        String cost = ExportLayout.usd(row.costNanos());
        String tokenClass = row.tokenClass().tag();
        String unit = ExportLayout.unit(row.tokenClass());
        String unitName = unit.substring(0, 1).toUpperCase(Locale.ROOT) + unit.substring(1);
        ZonedDateTime month = row.periodStart().atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        boolean correction = row.costNanos() < 0 || row.quantity() < 0;
        String model = row.provider() + "/" + row.model();
        return ExportLayout.join(List.of(
                cost,                                                   // BilledCost
                tenantId,                                               // BillingAccountId
                tenantId,                                               // BillingAccountName
                "USD",                                                  // BillingCurrency
                month.plusMonths(1).toInstant().toString(),             // BillingPeriodEnd
                month.toInstant().toString(),                           // BillingPeriodStart
                "Usage",                                                // ChargeCategory
                correction ? "Correction" : "",                         // ChargeClass
                description(row),                                       // ChargeDescription
                "Usage-Based",                                          // ChargeFrequency
                row.periodEnd().toString(),                             // ChargePeriodEnd
                row.periodStart().toString(),                           // ChargePeriodStart
                Long.toString(row.quantity()),                          // ConsumedQuantity
                unitName,                                               // ConsumedUnit
                cost,                                                   // ContractedCost
                "",                                                     // ContractedUnitPrice
                cost,                                                   // EffectiveCost
                row.provider(),                                         // InvoiceIssuerName
                ExportLayout.usd(row.listCostNanos()),                  // ListCost
                "",                                                     // ListUnitPrice
                perMillion(row.quantity()),                             // PricingQuantity
                "1M " + unitName,                                       // PricingUnit
                row.provider(),                                         // ProviderName
                row.provider(),                                         // PublisherName
                model,                                                  // ResourceId
                row.model(),                                            // ResourceName
                "AI and Machine Learning",                              // ServiceCategory
                row.provider(),                                         // ServiceName
                "Generative AI",                                        // ServiceSubcategory
                model + "/" + tokenClass,                               // SkuId
                tokenClass,                                             // SkuMeter
                "",                                                     // SkuPriceId
                tags(row),                                              // Tags
                row.customer(),                                         // x_Customer
                row.environment(),                                      // x_Environment
                Long.toString(row.events()),                            // x_Events
                row.feature(),                                          // x_Feature
                row.pricingStatus(),                                    // x_PricingStatus
                row.team(),                                             // x_Team
                tokenClass,                                             // x_TokenClass
                row.user(),                                             // x_User
                // No row is a split cost allocation (shared cost items are not exported) and there are no
                // contract commitments, so the allocation columns and ContractApplied are null.
                "",                                                     // AllocatedMethodDetails
                "",                                                     // AllocatedMethodId
                "",                                                     // AllocatedResourceId
                "",                                                     // AllocatedResourceName
                "",                                                     // AllocatedTags
                "",                                                     // ContractApplied
                row.provider(),                                         // HostProviderName
                row.provider()));                                       // ServiceProviderName
    }

    /** E.g. "openai/gpt-4o cached input tokens", "openai/gpt-4o web search queries". */
    static String description(ExportRow row) {
        String words = row.tokenClass().tag().replace('_', ' ');
        return row.provider() + "/" + row.model() + " " + words + (row.tokenClass().isTokens() ? " tokens" : "");
    }

    /** Prices are per 1M units: the quantity in millions, exact (1,500 tokens -> "0.0015"). */
    static String perMillion(long quantity) {
        return BigDecimal.valueOf(quantity, 6).stripTrailingZeros().toPlainString();
    }

    /** The business dimensions as a JSON object with keys in order (FOCUS Tags is a JSON key-value object). */
    static String tags(ExportRow row) {
        Map<String, String> tags = new TreeMap<>(Map.of("team", row.team(), "feature", row.feature(),
                "customer", row.customer(), "user", row.user(), "environment", row.environment()));
        StringBuilder json = new StringBuilder("{");
        tags.forEach((key, value) -> json.append(json.length() == 1 ? "" : ",")
                .append(jsonString(key)).append(':').append(jsonString(value)));
        return json.append('}').toString();
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}

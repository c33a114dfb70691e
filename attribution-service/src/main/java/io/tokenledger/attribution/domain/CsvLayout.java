package io.tokenledger.attribution.domain;

import java.util.List;

/** TokenLedger's own export columns (documented in attribution-service/EXPORTS.md). */
public final class CsvLayout implements ExportLayout {

    static final List<String> COLUMNS = List.of("period_start", "period_end", "provider", "model", "team", "feature",
            "customer", "user", "environment", "pricing_status", "token_class", "quantity", "unit", "cost_usd",
            "events");

    @Override
    public String header() {
        return ExportLayout.join(COLUMNS);
    }

    @Override
    public String line(ExportRow row) {
        return ExportLayout.join(List.of(row.periodStart().toString(), row.periodEnd().toString(), row.provider(),
                row.model(), row.team(), row.feature(), row.customer(), row.user(), row.environment(),
                row.pricingStatus(), row.tokenClass().tag(), Long.toString(row.quantity()),
                ExportLayout.unit(row.tokenClass()), ExportLayout.usd(row.costNanos()), Long.toString(row.events())));
    }
}

package io.tokenledger.e2e;

import io.tokenledger.cli.scenario.PlannedEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of each planned event computed from the catalog file alone: input x input price + cached x cached price
 * + output x output price (USD per 1M), rounded once, half-even, to nano-USD. Example, the first code-assist row
 * (4,808 prompt, 10 completion tokens on codestral-latest at $1.00 / $3.00 per 1M): 0.004808 + 0.00003 = $0.004838
 * = 4,838,000 nano-USD.
 */
final class ExpectedCosts {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private ExpectedCosts() {
    }

    static long[] perEvent(Path repoRoot, List<PlannedEvent> planned) throws IOException {
        Path catalog = repoRoot.resolve("pricing-service/src/main/resources/catalog/prices.csv");
        Map<String, CatalogPrices> prices = new HashMap<>();
        long[] nanos = new long[planned.size()];
        for (int i = 0; i < planned.size(); i++) {
            PlannedEvent event = planned.get(i);
            String provider = event.feature().model().provider();
            String model = event.feature().model().model();
            CatalogPrices price = prices.get(provider + "/" + model);
            if (price == null) {
                price = CatalogPrices.of(catalog, provider, model);
                prices.put(provider + "/" + model, price);
            }
            BigDecimal usd = BigDecimal.valueOf(event.row().inputTokens()).multiply(price.input())
                    .add(BigDecimal.valueOf(event.row().outputTokens()).multiply(price.output()));
            if (event.row().cachedInputTokens() > 0) {
                usd = usd.add(BigDecimal.valueOf(event.row().cachedInputTokens()).multiply(price.cachedInput()));
            }
            nanos[i] = usd.divide(MILLION).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
        return nanos;
    }
}

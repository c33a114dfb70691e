package io.tokenledger.ingest.normalize;

import io.tokenledger.api.ingest.v1.ProviderApi;
import io.tokenledger.platform.money.Nanos;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real provider responses (src/test/resources/provider-responses, see SOURCES.md there) and a reference cost:
 * the sum over classes of count x USD-per-1M price, rounded once to nano-USD, reasoning at the output price when
 * it has none: the pricing-service rule, restated so expected costs can be checked here.
 */
final class Fixtures {

    static final String PATH = "events[0].provider_usage";

    private Fixtures() {
    }

    static String read(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/provider-responses/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NormalizedUsage normalize(ProviderApi api, String file) {
        return ProviderUsageNormalizer.normalize(api, read(file), "", PATH);
    }

    /** USD per 1M units, as class/price pairs: {@code prices("input_tokens", "2.5", "output_tokens", "10")}. */
    static Map<String, BigDecimal> prices(String... classAndPrice) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (int i = 0; i < classAndPrice.length; i += 2) {
            prices.put(classAndPrice[i], new BigDecimal(classAndPrice[i + 1]));
        }
        return prices;
    }

    /** The cost in nano-USD; a class with tokens but no price fails, as pricing answers UNPRICED. */
    static long cost(Map<String, Long> usage, Map<String, BigDecimal> perMillion) {
        BigDecimal usd = BigDecimal.ZERO;
        for (Map.Entry<String, Long> count : usage.entrySet()) {
            BigDecimal price = perMillion.get(count.getKey());
            if (price == null && count.getKey().equals("reasoning_tokens")) {
                price = perMillion.get("output_tokens");
            }
            if (price == null) {
                throw new IllegalStateException("UNPRICED: no " + count.getKey() + " price");
            }
            usd = usd.add(price.multiply(BigDecimal.valueOf(count.getValue())));
        }
        return Nanos.fromUsd(usd.movePointLeft(6));
    }
}

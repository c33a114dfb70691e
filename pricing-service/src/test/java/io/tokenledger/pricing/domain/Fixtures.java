package io.tokenledger.pricing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Small builders for hand-written prices and usages. */
final class Fixtures {

    static final Instant SEED = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant JUNE = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    /** Prices from alternating class / "USD per 1M" pairs. */
    static Prices prices(String provider, String model, Instant from, Object... classAndPrice) {
        Map<TokenClass, BigDecimal> perMillion = new EnumMap<>(TokenClass.class);
        for (int i = 0; i < classAndPrice.length; i += 2) {
            perMillion.put((TokenClass) classAndPrice[i], new BigDecimal((String) classAndPrice[i + 1]));
        }
        return new Prices(provider, model, "chat", from, perMillion, "test");
    }

    static UsageBuilder usage() {
        return new UsageBuilder();
    }

    /** Mutable builder so each test names only the classes it uses. */
    static final class UsageBuilder {
        private final long[] counts = new long[15];

        UsageBuilder input(long n) { counts[0] = n; return this; }
        UsageBuilder cached(long n) { counts[1] = n; return this; }
        UsageBuilder cacheWrite5m(long n) { counts[2] = n; return this; }
        UsageBuilder cacheWrite1h(long n) { counts[3] = n; return this; }
        UsageBuilder output(long n) { counts[4] = n; return this; }
        UsageBuilder reasoning(long n) { counts[5] = n; return this; }
        UsageBuilder inputAudio(long n) { counts[6] = n; return this; }
        UsageBuilder embedding(long n) { counts[10] = n; return this; }
        UsageBuilder training(long tokens, long epochs) { counts[11] = tokens; counts[12] = epochs; return this; }
        UsageBuilder requests(long n) { counts[13] = n; return this; }
        UsageBuilder webSearch(long n) { counts[14] = n; return this; }

        TokenUsage build() {
            long[] c = counts;
            return new TokenUsage(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12],
                    c[13], c[14]);
        }
    }
}

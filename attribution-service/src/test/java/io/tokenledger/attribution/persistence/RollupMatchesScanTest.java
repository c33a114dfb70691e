package io.tokenledger.attribution.persistence;

import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.attribution.application.CostRecording;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.CostReport;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.PricingStatus;
import io.tokenledger.attribution.domain.RollupPlan;
import io.tokenledger.attribution.domain.TokenClass;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollup answers equal a plain ledger scan EXACTLY (every row, bucket, sum, count and the total) for many random
 * queries over generated events recorded through the real use case, re-sent duplicates included, across both
 * 2026 DST changes (US 8 March, EU 29 March) and in zones with whole- and half-hour offsets.
 */
@QuarkusTest
class RollupMatchesScanTest {

    private static final String TENANT = "rollup-check";
    private static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> NAMES = List.of("team", "feature", "customer", "user", "environment",
            "provider", "model", "pricing_status", "tag:region");
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Asia/Tokyo", "Australia/Adelaide");

    @Inject
    CostRecording recording;
    @Inject
    LedgerRepository ledger;

    @Test
    void rollupAnswersEqualTheLedgerScanForRandomQueries() {
        Random random = new Random(20260301);
        List<CostEntry> all = new ArrayList<>();
        for (int batch = 0; batch < 8; batch++) {
            List<CostEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(entry(random, "e" + batch + "-" + i));
            }
            recording.record(entries);
            all.addAll(entries);
        }
        // Re-sent events are duplicates: they must not be added to the rollup a second time.
        recording.record(all.subList(0, 700));

        int fromRollup = 0;
        for (int q = 0; q < 400; q++) {
            CostQuery query = query(random);
            CostReport expected = ledger.scan(query);
            assertThat(ledger.query(query)).as("query %d: %s", q, query).isEqualTo(expected);
            if (RollupPlan.of(query).isPresent()) {
                fromRollup++;
            }
        }
        // The check is only worth something if most queries really went through the rollup.
        assertThat(fromRollup).isGreaterThan(200);
        CostReport total = ledger.query(CostQuery.parse(TENANT, Optional.empty(), Optional.empty(), List.of(),
                Map.of(), Granularity.TOTAL, "UTC", 0, Instant.parse("2026-05-01T00:00:00Z")));
        assertThat(total.total().eventCount()).isEqualTo(4_000);
    }

    private static CostEntry entry(Random random, String eventId) {
        Instant at = FIRST.plusMillis((long) (random.nextDouble() * 40L * 24 * 3600 * 1000));
        long[] tokens = new long[TokenClass.values().length];
        long[] parts = new long[CostPart.values().length];
        tokens[TokenClass.INPUT.ordinal()] = 1 + random.nextInt(20_000);
        tokens[TokenClass.CACHED_INPUT.ordinal()] = random.nextInt(3) == 0 ? random.nextInt(8_000) : 0;
        tokens[TokenClass.OUTPUT.ordinal()] = random.nextInt(2_000);
        tokens[TokenClass.REQUESTS.ordinal()] = 1;
        boolean priced = random.nextInt(20) != 0;
        if (priced) {
            parts[CostPart.INPUT.ordinal()] = tokens[TokenClass.INPUT.ordinal()] * 1_250;
            parts[CostPart.CACHED_INPUT.ordinal()] = tokens[TokenClass.CACHED_INPUT.ordinal()] * 125;
            parts[CostPart.OUTPUT.ordinal()] = tokens[TokenClass.OUTPUT.ordinal()] * 10_000;
        }
        long cost = parts[0] + parts[1] + parts[4];
        Map<String, String> labels = new HashMap<>();
        labels.put("team", "team-" + random.nextInt(3));
        labels.put("feature", "feature-" + random.nextInt(4));
        if (random.nextInt(10) != 0) {
            labels.put("customer", "cust-" + random.nextInt(12));
        }
        labels.put("user", "u-" + random.nextInt(30));
        labels.put("environment", random.nextInt(5) == 0 ? "staging" : "prod");
        if (random.nextBoolean()) {
            labels.put("region", random.nextBoolean() ? "eu" : "us");
        }
        String model = random.nextBoolean() ? "gpt-5-mini" : "claude-sonnet-4-5";
        return new CostEntry(eventId, TENANT, at, model.startsWith("gpt") ? "openai" : "anthropic", model,
                Amounts.of(TokenClass.class, tokens), labels, priced ? PricingStatus.PRICED : PricingStatus.UNPRICED,
                priced ? "" : "no price", cost, Amounts.of(CostPart.class, parts), priced ? "p-1" : "", "", "", 0, java.util.OptionalLong.empty(), io.tokenledger.attribution.domain.ServiceTier.STANDARD, cost);
    }

    private static CostQuery query(Random random) {
        List<String> groupBy = new ArrayList<>();
        int groups = random.nextInt(4);
        for (int i = 0; i < groups; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size() - (random.nextInt(6) == 0 ? 0 : 1)));
            if (!groupBy.contains(name)) {
                groupBy.add(name);
            }
        }
        Map<String, String> filters = new HashMap<>();
        switch (random.nextInt(4)) {
            case 0: filters.put("feature", "feature-" + random.nextInt(4)); break;
            case 1: filters.put("customer", "cust-" + random.nextInt(12)); break;
            case 2: filters.put("pricing_status", "UNPRICED"); break;
            default: break;
        }
        Granularity granularity = Granularity.values()[random.nextInt(Granularity.values().length)];
        Optional<Instant> start = Optional.empty();
        int startKind = random.nextInt(5);
        Instant startAt = FIRST.plus(random.nextInt(30 * 24), ChronoUnit.HOURS);
        if (startKind == 1 || startKind == 2) {
            start = Optional.of(startAt);
        } else if (startKind >= 3) {
            start = Optional.of(startAt.plusSeconds(random.nextInt(3600)).plusMillis(random.nextInt(1000)));
        }
        Instant endAt = startAt.plus(1 + random.nextInt(20 * 24), ChronoUnit.HOURS);
        Optional<Instant> end = Optional.of(random.nextBoolean() ? endAt : endAt.plusSeconds(random.nextInt(3600)));
        String zone = ZONES.get(random.nextInt(ZONES.size()));
        int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(10) : 0;
        return CostQuery.parse(TENANT, start, end, groupBy, filters, granularity, zone, limit,
                Instant.parse("2026-05-01T00:00:00Z"));
    }
}

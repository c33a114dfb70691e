package io.tokenledger.attribution.persistence;

import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.attribution.application.CorrectionRecording;
import io.tokenledger.attribution.application.CostRecording;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.Correction;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.CostReport;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.PricingStatus;
import io.tokenledger.attribution.domain.RollupPlan;
import io.tokenledger.attribution.domain.ServiceTier;
import io.tokenledger.attribution.domain.TokenClass;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollup answers equal a plain ledger scan EXACTLY (every row, bucket, sum, count and the total) for many random
 * queries over generated events recorded through the real use case, re-sent duplicates and corrections (void, rerate,
 * amend) included, across both 2026 DST changes (US 8 March, EU 29 March) and in zones with whole- and half-hour
 * offsets. The rollups' list cost sums (read by the FOCUS export, not by QueryCost) equal the ledger's too.
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
    CorrectionRecording corrections;
    @Inject
    LedgerRepository ledger;
    @Inject
    DataSource dataSource;

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
        withoutListCost();
        correct(random, all);

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
        // 4,000 events less the 20 voided ones
        assertThat(total.total().eventCount()).isEqualTo(3_980);
        assertListCostsEqualTheLedger();
    }

    /**
     * Rows written before the ledger kept a list cost (V10) have none: some rows whose list cost equals their cost
     * become such rows here, the rollups already holding what V11 gives them (their cost). Corrections follow, so a
     * REVERSAL of a row without list cost is among them.
     */
    private void withoutListCost() {
        query("UPDATE attribution.cost_ledger SET list_cost_nanos = NULL"
                + " WHERE tenant_id = ? AND list_cost_nanos = cost_nanos AND event_id LIKE '%3'");
    }

    /** 60 distinct events ending in 3 (some without list cost, some tenant-priced): 20 each voided, re-rated, amended. */
    private void correct(Random random, List<CostEntry> all) {
        List<CostEntry> entries = new ArrayList<>();
        List<Correction> kinds = new ArrayList<>();
        List<CostEntry> targets = all.stream().filter(e -> e.eventId().endsWith("3")).limit(60).toList();
        for (int i = 0; i < targets.size(); i++) {
            CostEntry target = targets.get(i);
            Correction.Kind kind = List.of(Correction.Kind.AMEND, Correction.Kind.VOID, Correction.Kind.RERATE)
                    .get(i % 3);
            CostEntry entry = entry(random, kind.name().toLowerCase(Locale.ROOT) + "-" + target.eventId());
            entries.add(kind == Correction.Kind.RERATE ? rerated(entry, target) : entry);
            kinds.add(new Correction(kind, target.eventId()));
        }
        corrections.record(entries, kinds);
    }

    /** The target's usage priced anew: input at 2,000 nano-USD a token, list cost 1.5 times that. */
    private static CostEntry rerated(CostEntry record, CostEntry target) {
        long[] parts = new long[CostPart.values().length];
        parts[CostPart.INPUT.ordinal()] = target.tokens().get(TokenClass.INPUT) * 2_000;
        long cost = parts[CostPart.INPUT.ordinal()];
        return new CostEntry(record.eventId(), TENANT, record.occurredAt(), target.provider(), target.model(),
                target.tokens(), Map.of(), PricingStatus.PRICED, "", cost, Amounts.of(CostPart.class, parts), "p-2",
                "", "", 0, OptionalLong.empty(), ServiceTier.STANDARD, cost / 2 * 3);
    }

    /**
     * Per rollup row, list_cost_nanos = SUM(COALESCE(list_cost_nanos, cost_nanos)) of the ledger rows of its hour and
     * key, in both rollups; and the data holds REVERSALs without list cost and rows whose list cost differs.
     */
    private void assertListCostsEqualTheLedger() {
        assertThat(query("SELECT count(*) FROM attribution.cost_ledger WHERE tenant_id = ? AND list_cost_nanos IS NULL"
                + " AND entry_kind = 'REVERSAL'")).isPositive();
        assertThat(query("SELECT count(*) FROM attribution.cost_ledger WHERE tenant_id = ?"
                + " AND list_cost_nanos <> cost_nanos")).isPositive();
        for (RollupSql.Table table : RollupSql.Table.values()) {
            String key = String.join(", ", table.key);
            assertThat(query("SELECT count(*) FROM (SELECT hour_utc, " + key + ", list_cost_nanos AS list FROM "
                    + table.name + " WHERE tenant_id = ?) r FULL JOIN (SELECT date_trunc('hour', occurred_at, 'UTC')"
                    + " AS hour_utc, " + key + ", SUM(COALESCE(list_cost_nanos, cost_nanos)) AS list"
                    + " FROM attribution.cost_ledger WHERE tenant_id = ? GROUP BY "
                    + RollupSql.positions(1 + table.key.size()) + ") l USING (hour_utc, " + key + ")"
                    + " WHERE r.list IS DISTINCT FROM l.list")).as(table.name).isZero();
        }
    }

    /** Runs a statement whose every parameter is the tenant; the first column of its first row (0 for an update). */
    private long query(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= sql.chars().filter(c -> c == '?').count(); i++) {
                statement.setString(i, TENANT);
            }
            if (!statement.execute()) {
                return 0;
            }
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
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
        // One in four is tenant-priced at half the list price: its list cost is twice its cost.
        long listCost = random.nextInt(4) == 0 ? 2 * cost : cost;
        return new CostEntry(eventId, TENANT, at, model.startsWith("gpt") ? "openai" : "anthropic", model,
                Amounts.of(TokenClass.class, tokens), labels, priced ? PricingStatus.PRICED : PricingStatus.UNPRICED,
                priced ? "" : "no price", cost, Amounts.of(CostPart.class, parts), priced ? "p-1" : "", "", "", 0,
                OptionalLong.empty(), ServiceTier.STANDARD, listCost);
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

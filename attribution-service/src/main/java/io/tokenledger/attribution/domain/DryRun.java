package io.tokenledger.attribution.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-attributes stored ledger rows under candidate rules and compares one dimension before (as stored) and after.
 * Pure: the rows come in already grouped by everything attribution depends on, with their cost and event count.
 */
public final class DryRun {

    /** Ledger rows with the same raw data and the same stored dimensions. */
    public record StoredGroup(String provider, String model, Map<String, String> rawLabels, Dimensions stored,
                              long costNanos, long events) {
    }

    /** One value's cost and events before and after, and what moved in and out of it. */
    public record ValueChange(String value, long beforeCostNanos, long afterCostNanos, long movedInCostNanos,
                              long movedOutCostNanos, long beforeEvents, long afterEvents) {

        public long deltaCostNanos() {
            return afterCostNanos - beforeCostNanos;
        }
    }

    /** The rows (largest |delta| first, then by value) and the totals. */
    public record Report(List<ValueChange> rows, long eventsScanned, long eventsChanged, long costMovedNanos,
                         long eventsChangedAnyDimension) {
    }

    private DryRun() {
    }

    /** The value of a dimension the dry run may compare: a well-known one or a tag (missing = unattributed). */
    public static String valueOf(Dimensions dimensions, Dimension dimension) {
        return switch (dimension.kind()) {
            case TEAM -> dimensions.team();
            case FEATURE -> dimensions.feature();
            case CUSTOMER -> dimensions.customer();
            case USER -> dimensions.user();
            case ENVIRONMENT -> dimensions.environment();
            case TAG -> dimensions.tags().getOrDefault(dimension.tagKey(), Dimensions.UNATTRIBUTED);
            default -> throw new IllegalArgumentException("rules do not attribute " + dimension);
        };
    }

    public static Report run(String tenantId, CompiledRules candidate, List<StoredGroup> groups, Dimension groupBy) {
        Map<String, long[]> byValue = new TreeMap<>();
        long scanned = 0;
        long changed = 0;
        long moved = 0;
        long changedAny = 0;
        for (StoredGroup group : groups) {
            Dimensions after = candidate.attribute(tenantId, group.provider(), group.model(), group.rawLabels());
            String beforeValue = valueOf(group.stored(), groupBy);
            String afterValue = valueOf(after, groupBy);
            long[] before = byValue.computeIfAbsent(beforeValue, v -> new long[6]);
            before[0] += group.costNanos();
            before[4] += group.events();
            long[] next = byValue.computeIfAbsent(afterValue, v -> new long[6]);
            next[1] += group.costNanos();
            next[5] += group.events();
            scanned += group.events();
            if (!beforeValue.equals(afterValue)) {
                next[2] += group.costNanos();
                before[3] += group.costNanos();
                changed += group.events();
                moved += group.costNanos();
            }
            if (!sameAttribution(group.stored(), after)) {
                changedAny += group.events();
            }
        }
        List<ValueChange> rows = new ArrayList<>();
        byValue.forEach((value, sums) ->
                rows.add(new ValueChange(value, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5])));
        rows.sort(Comparator.comparingLong((ValueChange row) -> -Math.abs(row.deltaCostNanos()))
                .thenComparing(ValueChange::value));
        return new Report(rows, scanned, changed, moved, changedAny);
    }

    private static boolean sameAttribution(Dimensions a, Dimensions b) {
        return a.team().equals(b.team()) && a.feature().equals(b.feature()) && a.customer().equals(b.customer())
                && a.user().equals(b.user()) && a.environment().equals(b.environment()) && a.tags().equals(b.tags());
    }
}

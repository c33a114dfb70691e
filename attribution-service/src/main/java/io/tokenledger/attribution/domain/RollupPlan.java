package io.tokenledger.attribution.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Whether a cost query can be answered from the hourly rollup, and over which whole UTC hours.
 *
 * <p>An hourly row is exact for a query when every event of that hour falls in the same group and bucket:
 * <ul>
 *   <li>no {@code tag:} dimension (tags are not in the rollup key);</li>
 *   <li>for HOUR/DAY/WEEK/MONTH buckets, the zone's offset is a whole number of hours over the whole range
 *       (then every local bucket boundary is a UTC hour boundary); an unbounded start checks the zone's whole
 *       history, so e.g. Europe/Berlin (local mean time +00:53:28 before 1893) needs a start. TOTAL needs no zone.</li>
 * </ul>
 * The range is split into whole UTC hours {@code [from, to)}, read from the rollup, and the partial hours at its
 * edges, {@code [start, from)} and {@code [to, end)}, scanned in the ledger (a small indexed range).
 */
public record RollupPlan(Optional<Instant> from, Instant to) {

    private static final long HOUR_SECONDS = 3600;

    /** The plan for a query, or empty when the query must scan the ledger. */
    public static Optional<RollupPlan> of(CostQuery query) {
        boolean tags = query.groupBy().stream().anyMatch(d -> d.kind() == Dimension.Kind.TAG)
                || query.filters().keySet().stream().anyMatch(d -> d.kind() == Dimension.Kind.TAG);
        if (tags) {
            return Optional.empty();
        }
        if (query.granularity() != Granularity.TOTAL && !wholeHours(query.zone(), query.start(), query.end())) {
            return Optional.empty();
        }
        Optional<Instant> from = query.start().map(RollupPlan::ceilHour);
        Instant to = query.end().truncatedTo(ChronoUnit.HOURS);
        if (from.isPresent() && !from.get().isBefore(to)) {
            return Optional.empty(); // less than one whole hour: the scan is as small as it gets
        }
        return Optional.of(new RollupPlan(from, to));
    }

    static Instant ceilHour(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
    }

    /** True if every offset the zone uses in [start, end] (from its first rule when start is empty) is whole hours. */
    static boolean wholeHours(ZoneId zone, Optional<Instant> start, Instant end) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return whole(rules.getOffset(Instant.EPOCH));
        }
        Instant cursor;
        if (start.isPresent()) {
            cursor = start.get();
            if (!whole(rules.getOffset(cursor))) {
                return false;
            }
        } else {
            ZoneOffsetTransition first = rules.nextTransition(Instant.MIN);
            if (first == null) {
                return whole(rules.getOffset(Instant.EPOCH));
            }
            if (!whole(first.getOffsetBefore())) {
                return false;
            }
            cursor = Instant.MIN;
        }
        ZoneOffsetTransition next = rules.nextTransition(cursor);
        while (next != null && !next.getInstant().isAfter(end)) {
            if (!whole(next.getOffsetAfter())) {
                return false;
            }
            next = rules.nextTransition(next.getInstant());
        }
        return true;
    }

    private static boolean whole(ZoneOffset offset) {
        return offset.getTotalSeconds() % HOUR_SECONDS == 0;
    }
}

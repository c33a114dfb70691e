package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated cost query: one tenant's events with occurred_at in [start, end), grouped by
 * {@code groupBy} and time buckets of {@code granularity} in {@code zone}, at most {@code limit} rows (0 = all).
 */
public record CostQuery(String tenantId, Optional<Instant> start, Instant end, List<Dimension> groupBy,
                        Map<Dimension, String> filters, Granularity granularity, ZoneId zone, int limit) {

    /** The most rows one query may ask for. */
    public static final int MAX_LIMIT = 10_000;

    private static final Set<String> ZONE_NAMES = Set.copyOf(ZoneId.getAvailableZoneIds());

    public CostQuery {
        groupBy = List.copyOf(groupBy);
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /**
     * Parses a query's names and values, naming every problem at once ({@code group_by[1]},
     * {@code filters[colour]}, {@code time_zone}, ...). An unset end is {@code now}; an empty zone is UTC.
     */
    public static CostQuery parse(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                  List<String> groupByNames, Map<String, String> filterValues,
                                  Granularity granularity, String timeZone, int limit, Instant now) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        Instant endTime = end.orElse(now);
        violations.check(start.isEmpty() || !start.get().isAfter(endTime), "end_time", "must not be before start_time");
        violations.check(limit >= 0 && limit <= MAX_LIMIT, "limit", "must be between 0 and " + MAX_LIMIT);

        List<Dimension> groupBy = new ArrayList<>();
        for (int i = 0; i < groupByNames.size(); i++) {
            Optional<Dimension> dimension = Dimension.parse(groupByNames.get(i));
            if (dimension.isPresent()) {
                groupBy.add(dimension.get());
            } else {
                violations.add("group_by[" + i + "]", unknown(groupByNames.get(i)));
            }
        }
        // Sorted by name, so that the same filters always give the same statement.
        Map<Dimension, String> filters = new LinkedHashMap<>();
        new TreeMap<>(filterValues).forEach((name, value) -> {
            Optional<Dimension> dimension = Dimension.parse(name);
            if (dimension.isPresent()) {
                filters.put(dimension.get(), value);
            } else {
                violations.add("filters[" + name + "]", unknown(name));
            }
        });

        ZoneId zone = ZoneId.of("UTC");
        String zoneName = timeZone.isEmpty() ? "UTC" : timeZone;
        // Only IANA names: offsets like "+02:00" mean the opposite sign in PostgreSQL's POSIX rules.
        if (ZONE_NAMES.contains(zoneName)) {
            zone = ZoneId.of(zoneName);
        } else {
            violations.add("time_zone", "must be an IANA time zone name such as Europe/Berlin");
        }
        violations.throwIfAny();
        return new CostQuery(tenantId, start, endTime, groupBy, filters, granularity, zone, limit);
    }

    private static String unknown(String name) {
        return "unknown dimension '" + name + "'; use team, feature, customer, user, environment, provider, model, "
                + "pricing_status or tag:<key>";
    }
}

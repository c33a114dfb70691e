package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A validated unit-economics query: one tenant's calls in [start, end) by {@code groupBy}, against one outcome type. */
public record UnitEconomicsQuery(String tenantId, Optional<Instant> start, Instant end, List<Dimension> groupBy,
                                 String outcomeType) {

    public UnitEconomicsQuery {
        groupBy = List.copyOf(groupBy);
    }

    /** Names every problem at once; tags and pricing_status are not unit-economics dimensions. */
    public static UnitEconomicsQuery parse(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                           List<String> groupByNames, String outcomeType, Instant now) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        violations.check(!outcomeType.isBlank(), "outcome_type", "is required");
        Instant endTime = end.orElse(now);
        violations.check(start.isEmpty() || !start.get().isAfter(endTime), "end_time", "must not be before start_time");
        List<Dimension> groupBy = new ArrayList<>();
        for (int i = 0; i < groupByNames.size(); i++) {
            Optional<Dimension> dimension = Dimension.parse(groupByNames.get(i));
            if (dimension.isPresent() && dimension.get().kind() != Dimension.Kind.TAG
                    && dimension.get().kind() != Dimension.Kind.PRICING_STATUS && !groupBy.contains(dimension.get())) {
                groupBy.add(dimension.get());
            } else {
                violations.add("group_by[" + i + "]", "unknown or repeated dimension '" + groupByNames.get(i)
                        + "'; use team, feature, customer, user, environment, provider or model");
            }
        }
        violations.throwIfAny();
        return new UnitEconomicsQuery(tenantId, start, endTime, groupBy, outcomeType);
    }
}

package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated cost export: one tenant's cost over {@code [start, end)}, one row per charge period
 * ({@code granularity} HOUR or DAY, UTC), key and token class, in {@code format}.
 *
 * <p>The range must be whole charge periods, so every row's period lies inside it and the rows can be read from
 * the hourly rollup alone (a partial hour would need a ledger scan and a partial charge period).
 */
public record ExportQuery(String tenantId, Instant start, Instant end, ExportFormat format, Granularity granularity,
                          Map<Dimension, String> filters) {

    /** The token classes exported, in row order: every counted class except training epochs (a multiplier). */
    public static final List<TokenClass> CLASSES = List.of(TokenClass.values()).stream()
            .filter(c -> c != TokenClass.TRAINING_EPOCHS).toList();

    public ExportQuery {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /**
     * Parses an export request, naming every problem at once: {@code tenant_id}, {@code start_time},
     * {@code end_time}, {@code format}, {@code granularity}, {@code filters[name]}.
     */
    public static ExportQuery parse(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                    Optional<ExportFormat> format, Optional<Granularity> granularity,
                                    Map<String, String> filterValues) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        violations.check(format.isPresent(), "format", "must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_FOCUS");
        Granularity period = granularity.orElse(Granularity.HOUR);
        boolean periodOk = period == Granularity.HOUR || period == Granularity.DAY;
        violations.check(periodOk, "granularity", "must be EXPORT_GRANULARITY_HOUR or EXPORT_GRANULARITY_DAY");
        ChronoUnit unit = period == Granularity.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        String whole = "must be a whole UTC " + (unit == ChronoUnit.DAYS ? "day" : "hour");
        if (start.isEmpty()) {
            violations.add("start_time", "is required");
        } else if (periodOk && !aligned(start.get(), unit)) {
            violations.add("start_time", whole);
        }
        if (end.isEmpty()) {
            violations.add("end_time", "is required");
        } else if (periodOk && !aligned(end.get(), unit)) {
            violations.add("end_time", whole);
        } else if (start.isPresent() && !end.get().isAfter(start.get())) {
            violations.add("end_time", "must be after start_time");
        }
        // Sorted by name, so that the same filters always give the same statement.
        Map<Dimension, String> filters = new LinkedHashMap<>();
        new TreeMap<>(filterValues).forEach((name, value) -> {
            Optional<Dimension> dimension = Dimension.parse(name);
            if (dimension.isEmpty()) {
                violations.add("filters[" + name + "]", "unknown dimension '" + name + "'; use team, feature, "
                        + "customer, user, environment, provider, model or pricing_status");
            } else if (dimension.get().kind() == Dimension.Kind.TAG) {
                violations.add("filters[" + name + "]", "tags are not in the hourly rollup; exports cannot filter "
                        + "on them");
            } else {
                filters.put(dimension.get(), value);
            }
        });
        violations.throwIfAny();
        return new ExportQuery(tenantId, start.get(), end.get(), format.get(), period, filters);
    }

    /** The length of one charge period. */
    public ChronoUnit periodUnit() {
        return granularity == Granularity.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS;
    }

    private static boolean aligned(Instant instant, ChronoUnit unit) {
        return instant.truncatedTo(unit).equals(instant);
    }
}

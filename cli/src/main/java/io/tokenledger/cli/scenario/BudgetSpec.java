package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A budget the demo creates: a scope of dimension values, a daily or monthly limit in USD, alert thresholds. */
public record BudgetSpec(
        @JsonProperty("name") String name,
        @JsonProperty("scope") Map<String, String> scope,
        @JsonProperty("period") String period,
        @JsonProperty("time_zone") String timeZone,
        @JsonProperty("limit_usd") BigDecimal limitUsd,
        @JsonProperty("thresholds") List<Integer> thresholds) {

    public BudgetSpec {
        Scenario.require(name != null && !name.isBlank(), "budget name is required");
        scope = scope == null ? Map.of() : Map.copyOf(scope);
        period = period == null ? "DAY" : period.toUpperCase();
        Scenario.require(period.equals("DAY") || period.equals("MONTH"), "budget " + name + ": period DAY or MONTH");
        timeZone = timeZone == null ? "UTC" : timeZone;
        Scenario.require(limitUsd != null && limitUsd.signum() > 0, "budget " + name + ": limit_usd must be > 0");
        thresholds = thresholds == null ? List.of(80, 100) : List.copyOf(thresholds);
    }
}

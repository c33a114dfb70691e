package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A demo workload: a tenant running LLM features on real traces, how requests spread over customers, when the
 * traffic happened, and the budgets set on it. Loaded from YAML (see {@code scenarios/demo.yaml}).
 */
public record Scenario(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("environment") String environment,
        @JsonProperty("seed") long seed,
        @JsonProperty("customers") CustomerSpec customers,
        @JsonProperty("time") TimeSpec time,
        @JsonProperty("features") List<FeatureSpec> features,
        @JsonProperty("budgets") List<BudgetSpec> budgets) {

    public Scenario {
        require(tenant != null && !tenant.isBlank(), "tenant is required");
        require(environment != null && !environment.isBlank(), "environment is required");
        require(customers != null, "customers is required");
        require(time != null, "time is required");
        require(features != null && !features.isEmpty(), "at least one feature is required");
        features = List.copyOf(features);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        long distinct = features.stream().map(FeatureSpec::name).distinct().count();
        require(distinct == features.size(), "feature names must be unique");
    }

    public FeatureSpec feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no feature " + name));
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("scenario: " + message);
        }
    }
}

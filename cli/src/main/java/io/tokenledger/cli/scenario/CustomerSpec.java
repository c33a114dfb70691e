package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** N customers named {@code <prefix>001}...; request i goes to customer k with probability ~ 1/k^exponent. */
public record CustomerSpec(
        @JsonProperty("count") int count,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("zipf_exponent") double zipfExponent) {

    public CustomerSpec {
        Scenario.require(count > 0 && count <= 999, "customers.count must be 1..999");
        prefix = prefix == null ? "cust-" : prefix;
        Scenario.require(zipfExponent >= 0, "customers.zipf_exponent must be >= 0");
    }

    public String name(int rank) {
        return prefix + String.format("%03d", rank);
    }
}

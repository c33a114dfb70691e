package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Business outcomes of a feature's conversations: each customer's consecutive requests form conversations of
 * {@code requestsPerConversation} requests (one trace id each), and a seeded {@code share} of the conversations ends
 * in an outcome of {@code type}, recorded a few minutes after its last request.
 */
public record OutcomeSpec(
        @JsonProperty("type") String type,
        @JsonProperty("requests_per_conversation") int requestsPerConversation,
        @JsonProperty("share") double share) {

    public OutcomeSpec {
        Scenario.require(type != null && !type.isBlank(), "outcomes: type is required");
        Scenario.require(requestsPerConversation > 0, "outcomes: requests_per_conversation must be positive");
        Scenario.require(share >= 0 && share <= 1, "outcomes: share must be in 0..1");
    }
}

package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tokenledger.cli.trace.TraceFormat;
import java.util.Map;

/** One product feature: the trace that is its traffic, the team that owns it, the model that serves it. */
public record FeatureSpec(
        @JsonProperty("name") String name,
        @JsonProperty("team") String team,
        @JsonProperty("trace") TraceSpec trace,
        @JsonProperty("model") ModelRef model,
        @JsonProperty("what_if") ModelRef whatIf,
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("outcomes") OutcomeSpec outcomes) {

    @JsonCreator
    public FeatureSpec {
        Scenario.require(name != null && !name.isBlank(), "feature name is required");
        Scenario.require(team != null && !team.isBlank(), "feature " + name + ": team is required");
        Scenario.require(trace != null, "feature " + name + ": trace is required");
        Scenario.require(model != null, "feature " + name + ": model is required");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A feature without outcomes. */
    public FeatureSpec(String name, String team, TraceSpec trace, ModelRef model, ModelRef whatIf,
                       Map<String, String> tags) {
        this(name, team, trace, model, whatIf, tags, null);
    }

    /** Where a feature's traffic comes from; {@code path} is relative to the project root. */
    public record TraceSpec(@JsonProperty("format") TraceFormat format, @JsonProperty("path") String path) {
        public TraceSpec {
            Scenario.require(format != null && path != null, "trace needs format and path");
        }
    }

    /** A provider and model, e.g. openai / gpt-5-mini. */
    public record ModelRef(@JsonProperty("provider") String provider, @JsonProperty("model") String model) {
        public ModelRef {
            Scenario.require(provider != null && model != null, "model needs provider and model");
        }

        @Override
        public String toString() {
            return provider + "/" + model;
        }
    }
}

package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributionTest {

    @Test
    void wellKnownLabelsBecomeDimensionsAndTheRestTags() {
        Dimensions dimensions = Attribution.attribute("acme", Map.of(
                "team", "search", "feature", "chat", "customer", "c-42", "user", "u-7", "environment", "prod",
                "region", "eu", "experiment", "b"));

        assertThat(dimensions).isEqualTo(new Dimensions("acme", "search", "chat", "c-42", "u-7", "prod",
                Map.of("region", "eu", "experiment", "b")));
    }

    @Test
    void missingOrBlankDimensionsAreUnattributedNeverDropped() {
        Dimensions dimensions = Attribution.attribute("acme", Map.of("feature", "chat", "team", "  "));

        assertThat(dimensions.tenantId()).isEqualTo("acme");
        assertThat(dimensions.feature()).isEqualTo("chat");
        assertThat(dimensions.team()).isEqualTo("unattributed");
        assertThat(dimensions.customer()).isEqualTo("unattributed");
        assertThat(dimensions.user()).isEqualTo("unattributed");
        assertThat(dimensions.environment()).isEqualTo("unattributed");
        assertThat(dimensions.tags()).isEmpty();
    }

    @Test
    void noLabelsAtAll() {
        assertThat(Attribution.attribute("acme", Map.of())).isEqualTo(new Dimensions("acme", "unattributed",
                "unattributed", "unattributed", "unattributed", "unattributed", Map.of()));
    }

    @Test
    void labelKeysAreCaseSensitiveSoTeamInCapitalsIsATag() {
        Dimensions dimensions = Attribution.attribute("acme", Map.of("Team", "search"));

        assertThat(dimensions.team()).isEqualTo("unattributed");
        assertThat(dimensions.tags()).containsExactly(Map.entry("Team", "search"));
    }
}

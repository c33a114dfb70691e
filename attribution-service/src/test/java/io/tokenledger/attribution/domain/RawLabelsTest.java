package io.tokenledger.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RawLabelsTest {

    @Test
    void labelsAreStoredOnlyWhenTheRowCannotGiveThemBack() {
        Map<String, String> labels = Map.of("team", "a", "route", "/x");
        assertThat(RawLabels.toStore(labels, Attribution.attribute("t", labels))).isEmpty();
        // A rule set the feature: the row alone would claim a "feature" label the event never had.
        Dimensions ruled = new Dimensions("t", "a", "search", "unattributed", "unattributed", "unattributed",
                Map.of("route", "/x"));
        assertThat(RawLabels.toStore(labels, ruled)).contains(labels);
        // A blank well-known label cannot be reconstructed either.
        Map<String, String> blank = Map.of("team", "");
        assertThat(RawLabels.toStore(blank, Attribution.attribute("t", blank))).contains(blank);
    }
}

package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static final Map<String, String> CALL = Map.of("team", "support", "feature", "chat", "model", "gpt-5-mini");

    @Test
    void emptyScopeMatchesEverything() {
        assertThat(Scope.matches(Map.of(), CALL)).isTrue();
        assertThat(Scope.matches(Map.of(), Map.of())).isTrue();
    }

    @Test
    void everyScopeEntryMustEqualTheDimension() {
        assertThat(Scope.matches(Map.of("team", "support"), CALL)).isTrue();
        assertThat(Scope.matches(Map.of("team", "support", "feature", "chat"), CALL)).isTrue();
        assertThat(Scope.matches(Map.of("team", "support", "feature", "search"), CALL)).isFalse();
        assertThat(Scope.matches(Map.of("team", "sales"), CALL)).isFalse();
    }

    @Test
    void missingDimensionDoesNotMatch() {
        assertThat(Scope.matches(Map.of("customer", "acme"), CALL)).isFalse();
    }

    @Test
    void apiKeysAndFreeTagsAreScopeKeys() {
        Map<String, String> call = Map.of("feature", "chat", "api_key", "key-ops", "tag:region", "eu");
        assertThat(Scope.matches(Map.of("api_key", "key-ops"), call)).isTrue();
        assertThat(Scope.matches(Map.of("tag:region", "eu", "feature", "chat"), call)).isTrue();
        assertThat(Scope.matches(Map.of("tag:region", "us"), call)).isFalse();
        assertThat(Scope.isKey("api_key")).isTrue();
        assertThat(Scope.isKey("tag:region")).isTrue();
        assertThat(Scope.isKey("tag:")).isFalse();
        assertThat(Scope.isKey("region")).isFalse();
    }
}

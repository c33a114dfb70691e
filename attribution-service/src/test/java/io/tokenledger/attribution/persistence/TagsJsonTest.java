package io.tokenledger.attribution.persistence;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class TagsJsonTest {

    @Test
    void writesAFlatObjectEscapingQuotesBackslashesAndControlCharacters() {
        Map<String, String> tags = new TreeMap<>(Map.of("a\"b", "c\\d", "line", "x\ny\u0001", "region", "eu"));

        assertThat(TagsJson.of(tags)).isEqualTo("{\"a\\\"b\":\"c\\\\d\",\"line\":\"x\\ny\\u0001\",\"region\":\"eu\"}");
    }

    @Test
    void noTagsIsAnEmptyObject() {
        assertThat(TagsJson.of(Map.of())).isEqualTo("{}");
    }
}

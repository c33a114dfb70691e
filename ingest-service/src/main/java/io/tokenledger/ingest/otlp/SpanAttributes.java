package io.tokenledger.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of one span, looked up first on the span and then on its resource where a dimension may sit on
 * either. Instrumentations differ in value types: a count may come as an int, a whole double or a decimal string.
 */
final class SpanAttributes {

    /** A count that is not a whole number. */
    static final class NotACount extends Exception {
        NotACount(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, AnyValue> span;
    private final Map<String, AnyValue> resource;

    SpanAttributes(List<KeyValue> span, Map<String, AnyValue> resource) {
        this.span = index(span);
        this.resource = resource;
    }

    static Map<String, AnyValue> index(List<KeyValue> attributes) {
        Map<String, AnyValue> byKey = new HashMap<>(attributes.size() * 2);
        for (KeyValue attribute : attributes) {
            byKey.putIfAbsent(attribute.getKey(), attribute.getValue());
        }
        return byKey;
    }

    /** The first of {@code keys} present on the span. */
    Optional<String> firstPresent(List<String> keys) {
        return keys.stream().filter(span::containsKey).findFirst();
    }

    /** A string attribute of the span only (GenAI attributes describe the call, not the process). */
    Optional<String> spanString(List<String> keys) {
        for (String key : keys) {
            Optional<String> value = text(span.get(key));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** A string attribute of the span, else of its resource. */
    Optional<String> dimension(String key) {
        return text(span.get(key)).or(() -> text(resource.get(key)));
    }

    /** Every attribute of the span and the resource whose key starts with {@code prefix} (span wins). */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new HashMap<>();
        for (Map<String, AnyValue> source : List.of(resource, span)) {
            source.forEach((key, value) -> {
                if (key.startsWith(prefix) && key.length() > prefix.length()) {
                    text(value).ifPresent(v -> found.put(key.substring(prefix.length()), v));
                }
            });
        }
        return found;
    }

    /** The count under {@code key} on the span, when present. */
    Optional<Long> count(String key) throws NotACount {
        AnyValue value = span.get(key);
        if (value == null) {
            return Optional.empty();
        }
        switch (value.getValueCase()) {
            case INT_VALUE:
                return Optional.of(value.getIntValue());
            case DOUBLE_VALUE:
                if (!Double.isFinite(value.getDoubleValue())) {
                    throw new NotACount(key + " must be a whole number, got " + value.getDoubleValue());
                }
                return Optional.of(whole(BigDecimal.valueOf(value.getDoubleValue()), key));
            case STRING_VALUE:
                try {
                    return Optional.of(whole(new BigDecimal(value.getStringValue().trim()), key));
                } catch (NumberFormatException e) {
                    throw new NotACount(key + " must be a whole number, got \"" + value.getStringValue() + "\"");
                }
            default:
                throw new NotACount(key + " must be a whole number, got a " + value.getValueCase());
        }
    }

    private static long whole(BigDecimal number, String key) throws NotACount {
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new NotACount(key + " must be a whole number, got " + number.toPlainString());
        }
    }

    private static Optional<String> text(AnyValue value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.getValueCase()) {
            case STRING_VALUE -> Optional.of(value.getStringValue()).filter(s -> !s.isBlank());
            case INT_VALUE -> Optional.of(Long.toString(value.getIntValue()));
            case BOOL_VALUE -> Optional.of(Boolean.toString(value.getBoolValue()));
            case DOUBLE_VALUE -> Optional.of(Double.isFinite(value.getDoubleValue())
                    ? BigDecimal.valueOf(value.getDoubleValue()).toPlainString() : Double.toString(value.getDoubleValue()));
            default -> Optional.empty();
        };
    }
}

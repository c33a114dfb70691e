package io.tokenledger.platform.error;

/** One problem with one field of a request, e.g. {@code events[3].usage.input_tokens: must be >= 0}. */
public record FieldViolation(String field, String description) {

    @Override
    public String toString() {
        return field + ": " + description;
    }
}

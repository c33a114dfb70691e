package io.tokenledger.attribution.domain;

import java.util.Optional;

/**
 * A name a cost query may group or filter by: a well-known dimension, the provider, the model, the
 * pricing status, or {@code tag:<key>} for one free tag.
 */
public record Dimension(Kind kind, String tagKey) {

    /** The prefix of a tag dimension's name. */
    public static final String TAG_PREFIX = "tag:";

    public enum Kind { TEAM, FEATURE, CUSTOMER, USER, ENVIRONMENT, PROVIDER, MODEL, PRICING_STATUS, TAG }

    public Dimension {
        if ((kind == Kind.TAG) == (tagKey == null || tagKey.isEmpty())) {
            throw new IllegalArgumentException("a tag key is required exactly for TAG");
        }
    }

    public static Dimension of(Kind kind) {
        return new Dimension(kind, null);
    }

    public static Dimension tag(String key) {
        return new Dimension(Kind.TAG, key);
    }

    /** The dimension a name means, or empty for an unknown name (an empty tag key included). */
    public static Optional<Dimension> parse(String name) {
        if (name.startsWith(TAG_PREFIX)) {
            String key = name.substring(TAG_PREFIX.length());
            return key.isEmpty() ? Optional.empty() : Optional.of(tag(key));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.TAG && kind.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                return Optional.of(of(kind));
            }
        }
        return Optional.empty();
    }
}

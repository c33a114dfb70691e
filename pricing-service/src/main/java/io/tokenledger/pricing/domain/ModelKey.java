package io.tokenledger.pricing.domain;

import java.util.Locale;

/** A normalized (lowercase) provider and model id, e.g. {@code openai/gpt-5-mini}. */
public record ModelKey(String provider, String model) implements Comparable<ModelKey> {

    public ModelKey {
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("provider and model are required");
        }
    }

    /** The key of a reported name; lookups are case-insensitive. */
    public static ModelKey of(String provider, String model) {
        // toLowerCase returns the same instance when nothing changes, so the usual lowercase input costs nothing.
        return new ModelKey(provider.trim().toLowerCase(Locale.ROOT), model.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public int compareTo(ModelKey other) {
        int byProvider = provider.compareTo(other.provider);
        return byProvider != 0 ? byProvider : model.compareTo(other.model);
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}

package io.tokenledger.pricing.domain;

/** The service tier a request ran on; providers bill batch, priority and flex at their own rates. */
public enum ServiceTier {
    STANDARD, BATCH, PRIORITY, FLEX;

    /** The tier's name in reasons and the catalog, e.g. {@code batch}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

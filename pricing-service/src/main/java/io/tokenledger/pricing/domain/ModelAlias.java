package io.tokenledger.pricing.domain;

/** Another name of a model, e.g. the dated snapshot {@code gpt-4o-2024-08-06} of {@code gpt-4o}. */
public record ModelAlias(String provider, String alias, String model) {

    public ModelAlias {
        if (provider == null || provider.isBlank() || alias == null || alias.isBlank()
                || model == null || model.isBlank()) {
            throw new IllegalArgumentException("provider, alias and model are required");
        }
    }

    public ModelKey aliasKey() {
        return ModelKey.of(provider, alias);
    }

    public ModelKey targetKey() {
        return ModelKey.of(provider, model);
    }
}

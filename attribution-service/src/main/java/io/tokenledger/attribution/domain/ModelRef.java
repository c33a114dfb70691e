package io.tokenledger.attribution.domain;

/** A provider's model, e.g. openai/gpt-5-nano. */
public record ModelRef(String provider, String model) {

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}

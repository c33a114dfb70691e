package io.tokenledger.pricing.domain;

/**
 * What a reported provider/model name means in the price book, and which rule found it:
 * {@code exact}, {@code alias}, {@code provider_prefix}, {@code openrouter}, {@code bedrock_profile},
 * {@code vertex_version}, {@code dated_snapshot} or {@code tenant_model}.
 */
public record ModelResolution(ModelKey key, String rule, String detail) {
}

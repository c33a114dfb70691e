package io.tokenledger.pricing.domain;

/**
 * What a reported provider/model name means in the price book, and which rule found it:
 * {@code exact}, {@code alias}, {@code provider_prefix}, {@code openrouter}, {@code bedrock_profile},
 * {@code vertex_version}, {@code dated_snapshot}, {@code tenant_model} or {@code tenant_deployment} (a tenant's
 * deployment name; the detail names the rule that resolved the deployment's model).
 */
public record ModelResolution(ModelKey key, String rule, String detail) {
}

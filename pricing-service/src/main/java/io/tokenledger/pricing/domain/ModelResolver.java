package io.tokenledger.pricing.domain;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a reported provider/model name against a set of known models, trying the rules in order and
 * stopping at the first hit: exact id, alias table, provider prefix ({@code openai/gpt-4o}), OpenRouter's
 * {@code vendor/model} to the vendor's own price, Bedrock inference profiles and regions
 * ({@code us.anthropic.claude-3-7-sonnet-20250219-v1:0}), Vertex versions ({@code claude-opus-4@20250514}),
 * then a dated snapshot suffix ({@code gpt-4o-2024-08-06}). All case-insensitive.
 */
final class ModelResolver {

    private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
    private static final Pattern BEDROCK_REGION = Pattern.compile("^(us|eu|apac|ap|global|us-gov|jp|au|ca)\\.(.+)$");
    private static final Pattern BEDROCK_MODEL = Pattern.compile("^([a-z0-9-]+)\\.(.+?)(-v\\d+(:\\d+)?)?$");
    private static final Set<String> BEDROCK_VENDORS = Set.of("anthropic", "meta", "mistral", "cohere", "amazon",
            "ai21", "deepseek", "openai", "qwen", "writer");

    private final Set<ModelKey> models;
    private final Map<ModelKey, ModelKey> aliases;

    ModelResolver(Set<ModelKey> models, Map<ModelKey, ModelKey> aliases) {
        this.models = models;
        this.aliases = aliases;
    }

    ModelResolution resolve(String reportedProvider, String reportedModel) {
        ModelKey reported = ModelKey.of(ProviderIds.normalize(reportedProvider), reportedModel);
        ModelResolution direct = direct(reported);
        if (direct != null) {
            return direct;
        }
        String provider = reported.provider();
        String model = reported.model();
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String prefix = model.substring(0, slash);
            String rest = model.substring(slash + 1);
            String prefixProvider = ProviderIds.normalize(prefix);
            if (prefixProvider.equals(provider) || ProviderIds.isKnown(prefix) && provider.equals("litellm")) {
                ModelResolution inner = resolve(prefixProvider, rest);
                if (inner != null) {
                    return new ModelResolution(inner.key(), "provider_prefix",
                            "provider prefix " + prefix + "/ of " + inner.key() + " (" + inner.rule() + ")");
                }
            } else if (provider.equals("openrouter")) {
                ModelResolution vendor = resolve(prefixProvider, rest);
                if (vendor != null) {
                    return new ModelResolution(vendor.key(), "openrouter",
                            "OpenRouter passes through " + vendor.key() + " at the vendor's price");
                }
            }
        }
        if (provider.equals("bedrock")) {
            ModelResolution bedrock = bedrock(model);
            if (bedrock != null) {
                return bedrock;
            }
        }
        int at = model.indexOf('@');
        if (at > 0) {
            String base = model.substring(0, at);
            ModelResolution vertex = firstOf(dated(new ModelKey(provider, base)),
                    base.startsWith("claude") ? dated(new ModelKey("anthropic", base)) : null);
            if (vertex != null) {
                return new ModelResolution(vertex.key(), "vertex_version",
                        "Vertex version " + model + " of " + vertex.key());
            }
        }
        ModelResolution snapshot = datedOnly(reported);
        return snapshot;
    }

    /** Bedrock: the id without its region/profile prefix, then the vendor's own model without "-v1:0". */
    private ModelResolution bedrock(String model) {
        String inner = model;
        Matcher region = BEDROCK_REGION.matcher(model);
        if (region.matches()) {
            inner = region.group(2);
            ModelResolution regionless = direct(new ModelKey("bedrock", inner));
            if (regionless != null) {
                return new ModelResolution(regionless.key(), "bedrock_profile",
                        "inference profile " + model + " of " + regionless.key());
            }
        }
        Matcher vendorModel = BEDROCK_MODEL.matcher(inner);
        if (vendorModel.matches() && BEDROCK_VENDORS.contains(vendorModel.group(1))) {
            ModelResolution vendor = dated(new ModelKey(ProviderIds.normalize(vendorModel.group(1)), vendorModel.group(2)));
            if (vendor != null) {
                return new ModelResolution(vendor.key(), "bedrock_profile",
                        "Bedrock id " + model + " of the vendor's " + vendor.key());
            }
        }
        return null;
    }

    /** Exact or alias, else without a date suffix. */
    private ModelResolution dated(ModelKey key) {
        ModelResolution direct = direct(key);
        return direct != null ? direct : datedOnly(key);
    }

    private ModelResolution datedOnly(ModelKey key) {
        Matcher dated = DATED.matcher(key.model());
        if (dated.matches()) {
            ModelResolution base = direct(new ModelKey(key.provider(), dated.group(1)));
            if (base != null) {
                return new ModelResolution(base.key(), "dated_snapshot", "dated snapshot " + key + " of " + base.key());
            }
        }
        return null;
    }

    private ModelResolution direct(ModelKey key) {
        if (models.contains(key)) {
            return new ModelResolution(key, "exact", "exact id " + key);
        }
        ModelKey target = aliases.get(key);
        if (target != null && models.contains(target)) {
            return new ModelResolution(target, "alias", "alias " + key + " of " + target);
        }
        return null;
    }

    private static ModelResolution firstOf(ModelResolution a, ModelResolution b) {
        return a != null ? a : b;
    }
}

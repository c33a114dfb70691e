package io.tokenledger.attribution.domain;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way to save money over a period.
 *
 * @param promptPrefixHash the prefix concerned (CACHEABLE_PREFIX), else empty
 * @param model            the model of the traffic concerned
 * @param suggested        the model to move to (CHEAPER_MODEL), else empty provider and model
 * @param savingNanos      what the change would have saved over the period, exact nano-USD
 * @param evidence         the numbers behind the amount, by name, in a stable order
 */
public record Insight(InsightKind kind, String feature, String promptPrefixHash, ModelRef model, ModelRef suggested,
                      String description, long savingNanos, Map<String, Long> evidence) {

    /** No model. */
    public static final ModelRef NONE = new ModelRef("", "");

    /** Largest saving first; ties by kind, feature, model and prefix so the order is stable. */
    public static final Comparator<Insight> ORDER = Comparator.comparingLong(Insight::savingNanos).reversed()
            .thenComparing(Insight::kind)
            .thenComparing(Insight::feature)
            .thenComparing(i -> i.model().toString())
            .thenComparing(Insight::promptPrefixHash);

    public Insight {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}

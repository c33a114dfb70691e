package io.tokenledger.ingest.normalize;

import io.tokenledger.ingest.domain.ServiceTier;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A provider usage block in canonical form.
 *
 * @param usage        disjoint token classes keyed by {@code TokenUsage} field names; zero classes omitted
 * @param reportedCost the cost the provider or gateway reported (e.g. OpenRouter's {@code usage.cost}), in USD,
 *                     kept for reconciliation only
 * @param serviceTier  the tier the provider reported the call ran on (see {@link ServiceTiers}), if it says
 */
public record NormalizedUsage(Map<String, Long> usage, Optional<BigDecimal> reportedCost,
                              Optional<ServiceTier> serviceTier) {

    public NormalizedUsage {
        usage = Map.copyOf(usage);
    }

    public NormalizedUsage(Map<String, Long> usage, Optional<BigDecimal> reportedCost) {
        this(usage, reportedCost, Optional.empty());
    }
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.InsightsQuery;
import io.tokenledger.attribution.domain.ModelRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GetInsights: one streamed pass over the tenant's period feeds every kind of saving; their re-pricings go to
 * pricing-service in batches; the insights come back largest saving first.
 */
@ApplicationScoped
public class InsightFinding {

    private final StoredUsageSource ledger;
    private final UsagePricer pricer;
    private final Clock clock;

    public InsightFinding(StoredUsageSource ledger, UsagePricer pricer, Clock clock) {
        this.ledger = ledger;
        this.pricer = pricer;
        this.clock = clock;
    }

    public List<Insight> find(String tenantId, Optional<Instant> start, Optional<Instant> end, int limit,
                              List<ModelRef> candidates, List<String> backgroundFeatures, int bloatFactor) {
        InsightsQuery query = InsightsQuery.parse(tenantId, start, end, limit, candidates, backgroundFeatures,
                bloatFactor, clock.instant());
        Map<String, Long> medians = ledger.medianPromptTokens(query.tenantId(), query.period());
        PricingBuffer buffer = new PricingBuffer(pricer, query.tenantId());
        List<InsightFinder> finders = List.of(
                new CacheablePrefixFinder(buffer),
                new CheaperModelFinder(buffer, query.candidates()),
                new BatchCandidateFinder(buffer, query.backgroundFeatures()),
                new BloatedPromptFinder(buffer, medians, query.bloatFactor()),
                new CacheWritePaybackFinder(buffer));
        ledger.scan(query.tenantId(), query.period(), Map.of(), row -> finders.forEach(f -> f.accept(row)));
        buffer.flush();
        List<Insight> insights = new ArrayList<>();
        finders.forEach(f -> insights.addAll(f.insights()));
        insights.sort(Insight.ORDER);
        return query.limit() == 0 || insights.size() <= query.limit() ? insights : insights.subList(0, query.limit());
    }
}

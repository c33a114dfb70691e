package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Hypotheticals;
import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.SavingTally;
import io.tokenledger.attribution.domain.StoredComparison;
import io.tokenledger.attribution.domain.StoredUsageQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CompareStoredUsage: every PRICED ledger event of the period is priced on each candidate at its own occurred_at
 * (per call, so per-call rounding and long-context tiers are exact) and compared with its ledger cost; optionally
 * as if prompt caching were off ({@link Hypotheticals#uncached}), to show what caching saved.
 */
@ApplicationScoped
public class StoredUsageComparing {

    private final StoredUsageSource ledger;
    private final UsagePricer pricer;
    private final Clock clock;

    public StoredUsageComparing(StoredUsageSource ledger, UsagePricer pricer, Clock clock) {
        this.ledger = ledger;
        this.pricer = pricer;
        this.clock = clock;
    }

    public StoredComparison compare(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                    Map<String, String> filters, List<ModelRef> candidates, boolean withoutCaching) {
        StoredUsageQuery query = StoredUsageQuery.parse(tenantId, start, end, filters, candidates, clock.instant());
        List<StoredComparison.Candidate> tallies = new ArrayList<>();
        query.candidates().forEach(model -> tallies.add(new StoredComparison.Candidate(model, new SavingTally())));
        PricingBuffer buffer = new PricingBuffer(pricer, query.tenantId());
        long[] counts = new long[2];
        ledger.scan(query.tenantId(), query.period(), query.filters(), row -> {
            if (!row.priced()) {
                counts[1]++;
                return;
            }
            counts[0]++;
            for (StoredComparison.Candidate candidate : tallies) {
                buffer.add(new PriceRequest(candidate.model(), row.occurredAt(),
                                withoutCaching ? Hypotheticals.uncached(row.tokens()) : row.tokens(), false),
                        answer -> candidate.tally().add(row.costNanos(), answer));
            }
        });
        buffer.flush();
        return new StoredComparison(tallies, counts[0], counts[1]);
    }
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.InsightKind;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.SavingTally;
import io.tokenledger.attribution.domain.StoredUsage;
import io.tokenledger.platform.money.Nanos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BATCH_CANDIDATE: traffic that is not latency sensitive (calls labelled {@code latency=background}, or of a
 * feature the request names) priced on its own model's batch tier. A model without batch rates for every class the
 * calls use gives no insight (pricing answers UNPRICED; no discount is invented).
 */
final class BatchCandidateFinder implements InsightFinder {

    private final PricingBuffer buffer;
    private final Set<String> backgroundFeatures;
    private final Map<TrafficKey, SavingTally> tallies = new LinkedHashMap<>();

    BatchCandidateFinder(PricingBuffer buffer, Set<String> backgroundFeatures) {
        this.buffer = buffer;
        this.backgroundFeatures = backgroundFeatures;
    }

    @Override
    public void accept(StoredUsage row) {
        if (!row.priced() || !(row.background() || backgroundFeatures.contains(row.feature()))) {
            return;
        }
        SavingTally tally = tallies.computeIfAbsent(TrafficKey.of(row), key -> new SavingTally());
        buffer.add(new PriceRequest(row.model(), row.occurredAt(), row.tokens(), true),
                answer -> tally.add(row.costNanos(), answer));
    }

    @Override
    public List<Insight> insights() {
        List<Insight> found = new ArrayList<>();
        tallies.forEach((key, tally) -> {
            if (tally.unpriced() > 0 || tally.savingNanos() <= 0) {
                return;
            }
            Map<String, Long> evidence = new LinkedHashMap<>();
            evidence.put("events", tally.events());
            evidence.put("current_cost_nanos", tally.currentNanos());
            evidence.put("batch_cost_nanos", tally.alternativeNanos());
            found.add(new Insight(InsightKind.BATCH_CANDIDATE, key.feature(), "", key.model(), Insight.NONE,
                    key.feature() + " is not latency sensitive: " + tally.events() + " calls on the batch tier of "
                            + key.model() + " would have cost " + Nanos.format(tally.alternativeNanos())
                            + " instead of " + Nanos.format(tally.currentNanos()),
                    tally.savingNanos(), evidence));
        });
        return found;
    }
}

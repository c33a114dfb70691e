package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.InsightKind;
import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.SavingTally;
import io.tokenledger.attribution.domain.StoredUsage;
import io.tokenledger.attribution.domain.TierDown;
import io.tokenledger.platform.money.Nanos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CHEAPER_MODEL: each call of a feature's traffic on a model is priced on every candidate (the request's, else the
 * provider's {@link TierDown} list; never the traffic's own model). The candidate that saves the most wins, among
 * those that priced every call: one that cannot price some calls (e.g. lacks a token class) is not suggested.
 */
final class CheaperModelFinder implements InsightFinder {

    private final PricingBuffer buffer;
    private final List<ModelRef> requested;
    private final Map<TrafficKey, Map<ModelRef, SavingTally>> tallies = new LinkedHashMap<>();

    CheaperModelFinder(PricingBuffer buffer, List<ModelRef> requested) {
        this.buffer = buffer;
        this.requested = requested;
    }

    @Override
    public void accept(StoredUsage row) {
        if (!row.priced()) {
            return;
        }
        Map<ModelRef, SavingTally> byCandidate = tallies.computeIfAbsent(TrafficKey.of(row), key -> {
            Map<ModelRef, SavingTally> created = new LinkedHashMap<>();
            List<ModelRef> candidates = requested.isEmpty() ? TierDown.candidates(key.model()) : requested;
            candidates.stream().filter(c -> !c.equals(key.model())).forEach(c -> created.put(c, new SavingTally()));
            return created;
        });
        byCandidate.forEach((candidate, tally) -> buffer.add(
                new PriceRequest(candidate, row.occurredAt(), row.tokens(), false),
                answer -> tally.add(row.costNanos(), answer)));
    }

    @Override
    public List<Insight> insights() {
        List<Insight> found = new ArrayList<>();
        tallies.forEach((key, byCandidate) -> {
            ModelRef best = null;
            SavingTally bestTally = null;
            for (Map.Entry<ModelRef, SavingTally> entry : byCandidate.entrySet()) {
                SavingTally tally = entry.getValue();
                if (tally.unpriced() == 0 && tally.savingNanos() > 0
                        && (bestTally == null || tally.savingNanos() > bestTally.savingNanos())) {
                    best = entry.getKey();
                    bestTally = tally;
                }
            }
            if (best == null) {
                return;
            }
            Map<String, Long> evidence = new LinkedHashMap<>();
            evidence.put("events", bestTally.events());
            evidence.put("current_cost_nanos", bestTally.currentNanos());
            evidence.put("candidate_cost_nanos", bestTally.alternativeNanos());
            evidence.put("candidates_tried", (long) byCandidate.size());
            found.add(new Insight(InsightKind.CHEAPER_MODEL, key.feature(), "", key.model(), best,
                    key.feature() + ": " + best + " instead of " + key.model() + " would have cost "
                            + Nanos.format(bestTally.alternativeNanos()) + " instead of "
                            + Nanos.format(bestTally.currentNanos()) + " for " + bestTally.events() + " calls",
                    bestTally.savingNanos(), evidence));
        });
        return found;
    }
}

package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Hypotheticals;
import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.InsightKind;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.SavingTally;
import io.tokenledger.attribution.domain.StoredUsage;
import io.tokenledger.attribution.domain.TokenClass;
import io.tokenledger.platform.money.Nanos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BLOATED_PROMPT: calls whose prompt (input + cached input + cache writes) exceeds k x their feature's median prompt.
 * Each is priced as it happened and with its excess over the median (taken from its fresh input, at most all of it)
 * removed; the saving is the sum of the differences, i.e. excess tokens x input price. A feature whose median prompt
 * is 0 (e.g. embeddings) is skipped.
 */
final class BloatedPromptFinder implements InsightFinder {

    private final PricingBuffer buffer;
    private final Map<String, Long> medians;
    private final int factor;
    private final Map<TrafficKey, Bloat> bloats = new LinkedHashMap<>();

    BloatedPromptFinder(PricingBuffer buffer, Map<String, Long> medians, int factor) {
        this.buffer = buffer;
        this.medians = medians;
        this.factor = factor;
    }

    private static final class Bloat {
        long calls;
        long excessTokens;
        final SavingTally tally = new SavingTally();
    }

    @Override
    public void accept(StoredUsage row) {
        long median = medians.getOrDefault(row.feature(), 0L);
        long prompt = row.promptTokens();
        if (!row.priced() || median <= 0 || prompt <= Math.multiplyExact(median, factor)) {
            return;
        }
        Bloat bloat = bloats.computeIfAbsent(TrafficKey.of(row), key -> new Bloat());
        long excess = prompt - median;
        bloat.calls++;
        bloat.excessTokens += Math.min(excess, row.tokens().get(TokenClass.INPUT));
        buffer.addPair(new PriceRequest(row.model(), row.occurredAt(), row.tokens(), false),
                new PriceRequest(row.model(), row.occurredAt(), Hypotheticals.trimmed(row.tokens(), excess), false),
                bloat.tally::add);
    }

    @Override
    public List<Insight> insights() {
        List<Insight> found = new ArrayList<>();
        bloats.forEach((key, bloat) -> {
            SavingTally tally = bloat.tally;
            if (tally.savingNanos() <= 0) {
                return;
            }
            long median = medians.get(key.feature());
            Map<String, Long> evidence = new LinkedHashMap<>();
            evidence.put("bloated_calls", bloat.calls);
            evidence.put("median_prompt_tokens", median);
            evidence.put("bloat_factor", (long) factor);
            evidence.put("excess_tokens", bloat.excessTokens);
            evidence.put("current_cost_nanos", tally.currentNanos());
            evidence.put("trimmed_cost_nanos", tally.alternativeNanos());
            found.add(new Insight(InsightKind.BLOATED_PROMPT, key.feature(), "", key.model(), Insight.NONE,
                    key.feature() + ": " + bloat.calls + " calls on " + key.model() + " sent prompts over " + factor
                            + "x the median of " + median + " tokens; trimming their " + bloat.excessTokens
                            + " excess tokens saves " + Nanos.format(tally.savingNanos()),
                    tally.savingNanos(), evidence));
        });
        return found;
    }
}

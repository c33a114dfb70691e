package io.tokenledger.attribution.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.Correction;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.ReversedEntry;
import io.tokenledger.attribution.domain.TokenClass;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens and cost of rows newly written to the ledger (never duplicates, so each event counts once):
 * {@code tokenledger.tokens{provider,model,token_class}} and {@code tokenledger.cost.nanos{provider,model}} (also the
 * new entry of an AMEND or RERATE). A counter only grows, so what corrections take back is counted apart:
 * {@code tokenledger.cost.reversed.nanos{provider,model}}; the ledger's net cost is the difference.
 */
@ApplicationScoped
public class LedgerMetrics {

    private final MeterRegistry registry;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(List<AttributedCost> rows) {
        // Summed per series first: one counter lookup per series, not per row.
        Map<List<String>, long[]> sums = new HashMap<>();
        int classes = TokenClass.values().length;
        for (AttributedCost row : rows) {
            CostEntry entry = row.entry();
            long[] sum = sums.computeIfAbsent(List.of(entry.provider(), entry.model()), k -> new long[classes + 1]);
            long[] tokens = entry.tokens().toArray();
            for (int i = 0; i < classes; i++) {
                sum[i] += tokens[i];
            }
            sum[classes] += entry.costNanos();
        }
        sums.forEach((series, sum) -> {
            String provider = series.get(0);
            String model = series.get(1);
            for (TokenClass tokenClass : TokenClass.values()) {
                long count = sum[tokenClass.ordinal()];
                if (tokenClass.isTokens() && count > 0) {
                    Counter.builder("tokenledger.tokens").description("Tokens recorded in the ledger")
                            .tag("provider", provider).tag("model", model).tag("token_class", tokenClass.tag())
                            .register(registry).increment(count);
                }
            }
            cost(provider, model, sum[classes]);
        });
    }

    /** A correction newly applied: the cost it took back and, for an AMEND or a RERATE, its new entry's cost. */
    void corrected(Correction.Kind kind, CostEntry record, ReversedEntry reversed) {
        Counter.builder("tokenledger.cost.reversed.nanos")
                .description("Cost taken back from the ledger by corrections, in nano-USD")
                .tag("provider", reversed.provider()).tag("model", reversed.model())
                .register(registry).increment(reversed.costNanos());
        if (kind == Correction.Kind.AMEND) {
            cost(record.provider(), record.model(), record.costNanos());
        } else if (kind == Correction.Kind.RERATE && reversed.eventCount() == 1) {
            // The entry in force re-priced: its provider and model, the record's new cost (nothing for a voided one).
            cost(reversed.provider(), reversed.model(), record.costNanos());
        }
    }

    private void cost(String provider, String model, long nanos) {
        Counter.builder("tokenledger.cost.nanos").description("Cost recorded in the ledger, in nano-USD")
                .tag("provider", provider).tag("model", model).register(registry).increment(nanos);
    }
}

package io.tokenledger.attribution.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.TokenClass;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens and cost of rows newly written to the ledger (never duplicates, so each event counts once):
 * {@code tokenledger.tokens{provider,model,token_class}} and {@code tokenledger.cost.nanos{provider,model}}.
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
            Counter.builder("tokenledger.cost.nanos").description("Cost recorded in the ledger, in nano-USD")
                    .tag("provider", provider).tag("model", model)
                    .register(registry).increment(sum[classes]);
        });
    }
}

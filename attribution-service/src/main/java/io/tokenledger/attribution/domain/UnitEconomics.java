package io.tokenledger.attribution.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The sums of one group of calls joined with outcomes, and the unit figures derived from them.
 *
 * <p>cost = every call of the group in the period; outcome cost = the calls whose trace links to an outcome of the
 * type; failure cost = cost - outcome cost (traces without such an outcome, and calls without a trace id).
 * cost per outcome = cost / outcomes, so the cost of failed attempts is carried by the outcomes that succeeded.
 * Money divisions round half-even to a nano-USD, like every other amount.
 */
public record UnitEconomics(List<String> groupValues, long costNanos, long outcomeCostNanos, long outcomeCount,
                            Optional<Long> outcomeValueNanos, long requestCount, long userCount,
                            Amounts<TokenClass> tokens) {

    public UnitEconomics {
        groupValues = List.copyOf(groupValues);
    }

    public long failureCostNanos() {
        return costNanos - outcomeCostNanos;
    }

    public Optional<Long> costPerOutcomeNanos() {
        return divide(costNanos, outcomeCount);
    }

    /** value - cost; empty when no counted outcome carries a value. */
    public Optional<Long> marginNanos() {
        return outcomeValueNanos.map(value -> value - costNanos);
    }

    public Optional<Long> costPerRequestNanos() {
        return divide(costNanos, requestCount);
    }

    public Optional<Long> costPerUserNanos() {
        return divide(costNanos, userCount);
    }

    /** Input, cached input and cache-write tokens: everything the model read. */
    public long promptTokens() {
        return tokens.get(TokenClass.INPUT) + tokens.get(TokenClass.CACHED_INPUT)
                + tokens.get(TokenClass.CACHE_WRITE_5M) + tokens.get(TokenClass.CACHE_WRITE_1H);
    }

    /** Output and reasoning tokens: everything the model wrote. */
    public long completionTokens() {
        return tokens.get(TokenClass.OUTPUT) + tokens.get(TokenClass.REASONING);
    }

    public double tokensPerRequest() {
        return ratio(promptTokens(), requestCount);
    }

    public double promptCompletionRatio() {
        return ratio(promptTokens(), completionTokens());
    }

    public double cacheHitShare() {
        return ratio(tokens.get(TokenClass.CACHED_INPUT), promptTokens());
    }

    private static Optional<Long> divide(long nanos, long count) {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_EVEN)
                .longValueExact());
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}

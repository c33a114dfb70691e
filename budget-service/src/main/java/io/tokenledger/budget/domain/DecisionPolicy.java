package io.tokenledger.budget.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-flight policy over spent + reserved: DENY when any ENFORCE budget would exceed its deny cap (its limit,
 * or its lowest DENY threshold), else WARN when any would reach its lowest alert threshold, else ALLOW. Each budget
 * is checked in its unit: the estimated cost for USD budgets, the estimated tokens for token budgets. The deciding budget is the one projected furthest
 * past its limit. A SHADOW budget that would exceed its limit never denies; it is listed in the shadow denials.
 * The Redis reserve script applies the same DENY rule atomically; this policy explains its answer.
 */
public final class DecisionPolicy {

    private DecisionPolicy() {
    }

    /** Whether this status would deny a call of the estimate (in the budget's unit) if enforced. */
    public static boolean exceeds(BudgetStatus status, long estimate) {
        return Math.addExact(status.committedNanos(), estimate) > status.budget().denyCap();
    }

    /** The decision for a USD-only estimate (no tokens). */
    public static CheckOutcome decide(List<BudgetStatus> statuses, long estimateNanos) {
        return decide(statuses, estimateNanos, 0L);
    }

    public static CheckOutcome decide(List<BudgetStatus> statuses, long estimateNanos, long estimateTokens) {
        BudgetStatus deny = null;
        BudgetStatus warn = null;
        List<String> shadowDenials = new ArrayList<>();
        for (BudgetStatus status : statuses) {
            long estimate = status.budget().amountOf(estimateNanos, estimateTokens);
            long after = Math.addExact(status.committedNanos(), estimate);
            long limit = status.budget().limit();
            boolean exceeds = after > status.budget().denyCap();
            if (exceeds && status.budget().shadow()) {
                shadowDenials.add(status.budget().id());
            } else if (exceeds) {
                deny = fuller(deny, status, estimateNanos, estimateTokens);
            } else if (Thresholds.reached(status.budget().lowestThreshold(), limit, after)) {
                warn = fuller(warn, status, estimateNanos, estimateTokens);
            }
        }
        if (deny != null) {
            Budget budget = deny.budget();
            long estimate = budget.amountOf(estimateNanos, estimateTokens);
            String past = budget.denyCap() < budget.limit()
                    ? ", past its " + budget.lowestDenyThreshold().orElse(100) + "% DENY threshold" : "";
            return new CheckOutcome(Decision.DENY, estimateNanos, estimateTokens, statuses, Optional.of(budget.id()),
                    "budget '" + budget.displayName() + "' would reach " + percent(deny, estimate)
                            + "% of " + format(budget, budget.limit()) + past + " (spent "
                            + format(budget, deny.spentNanos()) + ", reserved " + format(budget, deny.reservedNanos())
                            + ", resets " + deny.window().end() + ")",
                    Optional.empty(), Optional.empty(), shadowDenials);
        }
        if (warn != null) {
            Budget budget = warn.budget();
            return new CheckOutcome(Decision.WARN, estimateNanos, estimateTokens, statuses, Optional.of(budget.id()),
                    "budget '" + budget.displayName() + "' would reach "
                            + percent(warn, budget.amountOf(estimateNanos, estimateTokens))
                            + "% of " + format(budget, budget.limit()) + ", past its "
                            + budget.lowestThreshold() + "% alert",
                    Optional.empty(), Optional.empty(), shadowDenials);
        }
        String reason = statuses.isEmpty() ? "no budget matches" : "every matching budget has room";
        return new CheckOutcome(Decision.ALLOW, estimateNanos, estimateTokens, statuses, Optional.empty(), reason,
                Optional.empty(), Optional.empty(), shadowDenials);
    }

    /** An amount in the budget's unit, for people: "$5.00" or "1200 tokens". */
    static String format(Budget budget, long amount) {
        return budget.countsTokens() ? amount + " tokens" : Money.format(amount);
    }

    /** The status whose projected spend is the larger share of its limit (cross-multiplied, exact). */
    private static BudgetStatus fuller(BudgetStatus current, BudgetStatus candidate, long estimateNanos, long estimateTokens) {
        if (current == null) {
            return candidate;
        }
        long candidateAfter = candidate.committedNanos() + candidate.budget().amountOf(estimateNanos, estimateTokens);
        long currentAfter = current.committedNanos() + current.budget().amountOf(estimateNanos, estimateTokens);
        BigInteger a = BigInteger.valueOf(candidateAfter).multiply(BigInteger.valueOf(current.budget().limit()));
        BigInteger b = BigInteger.valueOf(currentAfter).multiply(BigInteger.valueOf(candidate.budget().limit()));
        return a.compareTo(b) > 0 ? candidate : current;
    }

    /** Whole percent of the limit, rounded down: for the reason text only. */
    private static long percent(BudgetStatus status, long estimate) {
        return BigInteger.valueOf(status.committedNanos() + estimate).multiply(BigInteger.valueOf(100))
                .divide(BigInteger.valueOf(status.budget().limit())).longValue();
    }
}

package io.tokenledger.budget.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-flight policy over spent + reserved: DENY when any ENFORCE budget would exceed its limit, else WARN
 * when any would reach its lowest alert threshold, else ALLOW. The deciding budget is the one projected furthest
 * past its limit. A SHADOW budget that would exceed its limit never denies; it is listed in the shadow denials.
 * The Redis reserve script applies the same DENY rule atomically; this policy explains its answer.
 */
public final class DecisionPolicy {

    private DecisionPolicy() {
    }

    /** Whether this status would deny a call of the estimate if enforced. */
    public static boolean exceeds(BudgetStatus status, long estimateNanos) {
        return Math.addExact(status.committedNanos(), estimateNanos) > status.budget().limitNanos();
    }

    public static CheckOutcome decide(List<BudgetStatus> statuses, long estimateNanos) {
        BudgetStatus deny = null;
        BudgetStatus warn = null;
        List<String> shadowDenials = new ArrayList<>();
        for (BudgetStatus status : statuses) {
            long after = Math.addExact(status.committedNanos(), estimateNanos);
            long limit = status.budget().limitNanos();
            if (after > limit && status.budget().shadow()) {
                shadowDenials.add(status.budget().id());
            } else if (after > limit) {
                deny = fuller(deny, status, estimateNanos);
            } else if (Thresholds.reached(status.budget().lowestThreshold(), limit, after)) {
                warn = fuller(warn, status, estimateNanos);
            }
        }
        if (deny != null) {
            return new CheckOutcome(Decision.DENY, estimateNanos, statuses, Optional.of(deny.budget().id()),
                    "budget '" + deny.budget().displayName() + "' would reach " + percent(deny, estimateNanos)
                            + "% of " + Money.format(deny.budget().limitNanos()) + " (spent "
                            + Money.format(deny.spentNanos()) + ", reserved " + Money.format(deny.reservedNanos())
                            + ", resets " + deny.window().end() + ")",
                    Optional.empty(), Optional.empty(), shadowDenials);
        }
        if (warn != null) {
            return new CheckOutcome(Decision.WARN, estimateNanos, statuses, Optional.of(warn.budget().id()),
                    "budget '" + warn.budget().displayName() + "' would reach " + percent(warn, estimateNanos)
                            + "% of " + Money.format(warn.budget().limitNanos()) + ", past its "
                            + warn.budget().lowestThreshold() + "% alert",
                    Optional.empty(), Optional.empty(), shadowDenials);
        }
        String reason = statuses.isEmpty() ? "no budget matches" : "every matching budget has room";
        return new CheckOutcome(Decision.ALLOW, estimateNanos, statuses, Optional.empty(), reason,
                Optional.empty(), Optional.empty(), shadowDenials);
    }

    /** The status whose projected spend is the larger share of its limit (cross-multiplied, exact). */
    private static BudgetStatus fuller(BudgetStatus current, BudgetStatus candidate, long estimate) {
        if (current == null) {
            return candidate;
        }
        BigInteger a = BigInteger.valueOf(candidate.committedNanos() + estimate).multiply(BigInteger.valueOf(current.budget().limitNanos()));
        BigInteger b = BigInteger.valueOf(current.committedNanos() + estimate).multiply(BigInteger.valueOf(candidate.budget().limitNanos()));
        return a.compareTo(b) > 0 ? candidate : current;
    }

    /** Whole percent of the limit, rounded down: for the reason text only. */
    private static long percent(BudgetStatus status, long estimate) {
        return BigInteger.valueOf(status.committedNanos() + estimate).multiply(BigInteger.valueOf(100))
                .divide(BigInteger.valueOf(status.budget().limitNanos())).longValue();
    }
}

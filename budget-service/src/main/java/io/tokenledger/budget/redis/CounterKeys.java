package io.tokenledger.budget.redis;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.RollingBuckets;
import io.tokenledger.budget.domain.Window;
import java.time.Instant;

/**
 * Redis key names. The tenant is a hash tag, so all keys of a tenant share one cluster slot and one script
 * can touch them atomically. A budget window's keys share the base {@code tl:{tenant}:b:<budget>:<window start>}:
 * {@code :spent} (charged nano-USD), {@code :rsv} (open reservations, nano-USD) and {@code :rz} (the open
 * reservations by expiry). A ROLLING budget has one base {@code tl:{tenant}:b:<budget>:roll} for its reservations and
 * one counter per bucket, {@code <base>:<bucket start epoch>} (charged amount in that bucket).
 */
public final class CounterKeys {

    private CounterKeys() {
    }

    static String base(String tenant, String budgetId, Window window) {
        return "tl:{" + tenant + "}:b:" + budgetId + ":" + window.start().getEpochSecond();
    }

    static String spent(String tenant, String budgetId, Window window) {
        return base(tenant, budgetId, window) + ":spent";
    }

    /** The base of a target's reservation keys: per window for calendar windows, one per rolling budget. */
    static String base(String tenant, Budget budget, Window window) {
        return budget.rolling() ? rollingBase(tenant, budget.id()) : base(tenant, budget.id(), window);
    }

    static String rollingBase(String tenant, String budgetId) {
        return "tl:{" + tenant + "}:b:" + budgetId + ":roll";
    }

    /** The prefix of a rolling budget's bucket counters (append the bucket start in epoch seconds). */
    static String bucketPrefix(String tenant, String budgetId) {
        return rollingBase(tenant, budgetId) + ":";
    }

    /** The counter a charge at {@code at} goes to: the window's spent counter, or the rolling bucket of {@code at}. */
    static String counter(String tenant, Budget budget, Window window, Instant at) {
        return budget.rolling()
                ? bucketPrefix(tenant, budget.id()) + RollingBuckets.bucketStart(budget.rollingWindow(), at).getEpochSecond()
                : spent(tenant, budget.id(), window);
    }

    static String charged(String tenant, String eventId) {
        return "tl:{" + tenant + "}:charged:" + eventId;
    }

    static String reservation(String tenant, String reservationId) {
        return "tl:{" + tenant + "}:r:" + reservationId;
    }

    /** The pattern of every key of a tenant (tests and rebuild delete by it; never FLUSHDB). */
    public static String tenantPattern(String tenant) {
        return "tl:{" + tenant + "}:*";
    }
}

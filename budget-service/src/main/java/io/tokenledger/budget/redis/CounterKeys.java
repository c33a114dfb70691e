package io.tokenledger.budget.redis;

import io.tokenledger.budget.domain.Window;

/**
 * Redis key names. The tenant is a hash tag, so all keys of a tenant share one cluster slot and one script
 * can touch them atomically. A budget window's keys share the base {@code tl:{tenant}:b:<budget>:<window start>}:
 * {@code :spent} (charged nano-USD), {@code :rsv} (open reservations, nano-USD) and {@code :rz} (the open
 * reservations by expiry).
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

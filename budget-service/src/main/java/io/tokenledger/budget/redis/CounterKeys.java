package io.tokenledger.budget.redis;

import io.tokenledger.budget.domain.Window;

/**
 * Redis key names. The tenant is a hash tag, so all keys of a tenant share one cluster slot and one script
 * can touch them atomically.
 */
final class CounterKeys {

    private CounterKeys() {
    }

    static String spent(String tenant, String budgetId, Window window) {
        return "tl:{" + tenant + "}:b:" + budgetId + ":" + window.start().getEpochSecond() + ":spent";
    }

    static String charged(String tenant, String eventId) {
        return "tl:{" + tenant + "}:charged:" + eventId;
    }
}

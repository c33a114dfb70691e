package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The ledger's totals of a scope in a window (port to attribution-service, the ledger owner). */
public interface LedgerSpend {

    /** Cost and total tokens of the events in one range (or one hour of it). */
    record Spent(Instant start, long costNanos, long tokens) {
    }

    /** nano-USD the ledger holds for events of the tenant matching every (key, value) of the scope in the window. */
    default long spent(String tenant, Map<String, String> scope, Window window) {
        return total(tenant, scope, window).costNanos();
    }

    /** Cost and total tokens of the tenant's events matching the scope in the window. */
    Spent total(String tenant, Map<String, String> scope, Window window);

    /** The same per UTC clock hour of the window (hours without events are left out), oldest first. */
    List<Spent> byHour(String tenant, Map<String, String> scope, Window window);
}

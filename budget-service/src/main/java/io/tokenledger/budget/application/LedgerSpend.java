package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Window;
import java.util.Map;

/** The ledger's total cost of a scope in a window (port to attribution-service, the ledger owner). */
public interface LedgerSpend {

    /** nano-USD the ledger holds for events of the tenant matching every (key, value) of the scope in the window. */
    long spent(String tenant, Map<String, String> scope, Window window);
}

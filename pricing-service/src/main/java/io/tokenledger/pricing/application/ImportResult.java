package io.tokenledger.pricing.application;

/** What an import did: entries read, versions added (new ones only), entries skipped (no token price), time taken. */
public record ImportResult(int entriesRead, int versionsAdded, int entriesSkipped, long elapsedMillis) {
}

package io.tokenledger.attribution.domain;

import java.time.Instant;

/**
 * The ledger entry a correction's REVERSAL negated: what budgets must take back, under the scope and window it was
 * charged in. {@code costNanos} is the reversed (positive) cost; {@code eventCount} is 1, or 0 when the target had
 * been voided already (then the cost is 0 too); {@code totalTokens} sums every {@code *_tokens} class.
 */
public record ReversedEntry(long costNanos, Instant occurredAt, String provider, String model, Dimensions dimensions,
                            long eventCount, long totalTokens) {
}

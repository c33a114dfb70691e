package io.tokenledger.budget.domain;

import java.time.Instant;

/**
 * An admitted CheckBudget reservation as persisted for rebuilds.
 *
 * @param record the Redis record {@code <id>|<window base key>|<amount>|...} that names every window it holds
 */
public record OpenReservation(String id, String tenantId, String record, Instant createdAt, Instant expiresAt) {
}

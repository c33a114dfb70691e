package io.tokenledger.attribution.domain;

import java.time.Instant;

/**
 * One exported row: the sums of one token class over one charge period and key (provider, model, dimensions,
 * pricing status). {@code quantity} counts the class's unit (tokens, requests or search queries);
 * {@code costNanos} is that class's cost; {@code events} counts the events of the period and key (every class
 * row of the same key repeats it).
 */
public record ExportRow(Instant periodStart, Instant periodEnd, String provider, String model, String team,
                        String feature, String customer, String user, String environment, String pricingStatus,
                        TokenClass tokenClass, long quantity, long costNanos, long events) {
}

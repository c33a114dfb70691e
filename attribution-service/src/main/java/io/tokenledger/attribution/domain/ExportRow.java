package io.tokenledger.attribution.domain;

import java.time.Instant;

/**
 * One exported row: the sums of one token class over one charge (a charge period and key: provider, model,
 * dimensions, pricing status). {@code quantity} counts the class's unit (tokens, requests or search queries);
 * {@code costNanos} is that class's cost and {@code listCostNanos} its share of the charge's list cost
 * ({@link ListCostSplit}); {@code events} counts the events of the charge (every class row of it repeats it).
 */
public record ExportRow(Instant periodStart, Instant periodEnd, String provider, String model, String team,
                        String feature, String customer, String user, String environment, String pricingStatus,
                        TokenClass tokenClass, long quantity, long costNanos, long events, long listCostNanos) {

    /** The same row with another list cost. */
    public ExportRow withListCost(long nanos) {
        return new ExportRow(periodStart, periodEnd, provider, model, team, feature, customer, user, environment,
                pricingStatus, tokenClass, quantity, costNanos, events, nanos);
    }

    /** Whether both rows belong to the same charge (period and key), whatever their token class. */
    public boolean sameCharge(ExportRow other) {
        return periodStart.equals(other.periodStart) && provider.equals(other.provider) && model.equals(other.model)
                && team.equals(other.team) && feature.equals(other.feature) && customer.equals(other.customer)
                && user.equals(other.user) && environment.equals(other.environment)
                && pricingStatus.equals(other.pricingStatus);
    }
}

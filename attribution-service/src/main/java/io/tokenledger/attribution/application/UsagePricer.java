package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.PriceAnswer;
import io.tokenledger.attribution.domain.PriceRequest;
import java.util.List;

/** Prices usages with the price book (pricing-service's PriceUsage). */
public interface UsagePricer {

    /** The largest batch one call may carry. */
    int MAX_BATCH = 1_000;

    /** One answer per request, in the same order; at most {@link #MAX_BATCH} requests. */
    List<PriceAnswer> price(String tenantId, List<PriceRequest> requests);
}

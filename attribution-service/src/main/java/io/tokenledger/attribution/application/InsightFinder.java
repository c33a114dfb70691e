package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.Insight;
import io.tokenledger.attribution.domain.StoredUsage;
import java.util.List;

/** One kind of saving: sees every ledger row of the period (queueing prices), then tells what it found. */
interface InsightFinder {

    void accept(StoredUsage row);

    /** Called after every queued price was answered. */
    List<Insight> insights();
}

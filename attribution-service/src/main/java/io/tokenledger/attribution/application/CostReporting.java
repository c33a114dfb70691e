package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.CostReport;
import io.tokenledger.attribution.domain.Granularity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers cost queries over the ledger. */
@ApplicationScoped
public class CostReporting {

    private final Ledger ledger;
    private final Clock clock;

    public CostReporting(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Validates the query (every problem named at once) and sums the ledger; an unset end is now. */
    public CostReport query(String tenantId, Optional<Instant> start, Optional<Instant> end, List<String> groupBy,
                            Map<String, String> filters, Granularity granularity, String timeZone, int limit) {
        CostQuery query = CostQuery.parse(tenantId, start, end, groupBy, filters, granularity, timeZone, limit,
                clock.instant());
        return ledger.query(query);
    }
}

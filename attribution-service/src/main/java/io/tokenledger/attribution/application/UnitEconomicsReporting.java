package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.UnitEconomics;
import io.tokenledger.attribution.domain.UnitEconomicsQuery;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Cost per outcome and per-dimension key metrics over a period. */
@ApplicationScoped
public class UnitEconomicsReporting {

    private final Outcomes outcomes;
    private final Clock clock;

    public UnitEconomicsReporting(Outcomes outcomes, Clock clock) {
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** The groups, largest cost first, then the total as the last element. */
    public List<UnitEconomics> report(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                      List<String> groupBy, String outcomeType) {
        return outcomes.unitEconomics(UnitEconomicsQuery.parse(tenantId, start, end, groupBy, outcomeType,
                clock.instant()));
    }
}

package io.tokenledger.budget.application;

import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.CheckOutcome;
import io.tokenledger.budget.domain.DecisionPolicy;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pre-flight checks: would a call of this estimated cost fit every budget whose scope matches it? */
@ApplicationScoped
public class BudgetEnforcement {

    /** A pre-flight question. The estimate is {@code estimatedCostNanos} when > 0, else the priced expected usage. */
    public record CheckRequest(String tenantId, Map<String, String> dimensions, long estimatedCostNanos,
                               String provider, String model, Optional<TokenUsage> expectedUsage, Optional<Instant> time) {
    }

    private final BudgetCache cache;
    private final SpendStatuses statuses;
    private final UsagePricer pricer;
    private final Clock clock;

    public BudgetEnforcement(BudgetCache cache, SpendStatuses statuses, UsagePricer pricer, Clock clock) {
        this.cache = cache;
        this.statuses = statuses;
        this.pricer = pricer;
        this.clock = clock;
    }

    public CheckOutcome check(CheckRequest request) {
        Violations violations = new Violations();
        violations.check(!request.tenantId().isBlank(), "tenant_id", "is required");
        violations.check(request.estimatedCostNanos() >= 0, "estimated_cost_nanos", "must be >= 0");
        if (request.estimatedCostNanos() == 0) {
            violations.check(!request.model().isBlank(), "model", "is required when estimated_cost_nanos is 0");
            violations.check(request.expectedUsage().isPresent(), "expected_usage", "is required when estimated_cost_nanos is 0");
        }
        violations.throwIfAny();
        Instant at = request.time().orElseGet(clock::instant);
        long estimate = request.estimatedCostNanos() > 0 ? request.estimatedCostNanos()
                : pricer.price(request.tenantId(), request.provider(), request.model(), at,
                        request.expectedUsage().orElseThrow(() -> new TokenLedgerException.Invalid("expected_usage", "is required")));
        List<Budget> matching = cache.budgetsOf(request.tenantId()).stream()
                .filter(b -> b.matches(request.dimensions()))
                .toList();
        return DecisionPolicy.decide(statuses.at(request.tenantId(), matching, at), estimate);
    }
}

package io.tokenledger.budget.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.budget.config.BudgetConfig;
import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.domain.CheckOutcome;
import io.tokenledger.budget.domain.Decision;
import io.tokenledger.budget.domain.DecisionPolicy;
import io.tokenledger.budget.domain.Ids;
import io.tokenledger.budget.redis.Reservations;
import io.tokenledger.budget.redis.SpendCounters;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pre-flight checks that reserve: the estimate is reserved atomically in every budget whose scope matches the
 * call (one Redis script), or in none and the answer is DENY. The reservation is settled by the ChargeSpend that
 * carries its id, or expires after {@code reservation-ttl}.
 */
@ApplicationScoped
public class BudgetEnforcement {

    /** A pre-flight question. The estimate is {@code estimatedCostNanos} when > 0, else the priced expected usage. */
    public record CheckRequest(String tenantId, Map<String, String> dimensions, long estimatedCostNanos,
                               String provider, String model, Optional<TokenUsage> expectedUsage, Optional<Instant> time) {
    }

    private static final Logger LOG = Logger.getLogger(BudgetEnforcement.class);

    private final BudgetCache cache;
    private final Reservations reservations;
    private final UsagePricer pricer;
    private final Clock clock;
    private final Duration reservationTtl;
    private final MeterRegistry meters;

    public BudgetEnforcement(BudgetCache cache, Reservations reservations, UsagePricer pricer, Clock clock,
                             BudgetConfig config, MeterRegistry meters) {
        this.cache = cache;
        this.reservations = reservations;
        this.pricer = pricer;
        this.clock = clock;
        this.reservationTtl = config.reservationTtl();
        this.meters = meters;
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
        Instant now = clock.instant();
        Instant at = request.time().orElse(now);
        long estimate = request.estimatedCostNanos() > 0 ? request.estimatedCostNanos()
                : pricer.price(request.tenantId(), request.provider(), request.model(), at,
                        request.expectedUsage().orElseThrow(() -> new TokenLedgerException.Invalid("expected_usage", "is required")));
        List<SpendCounters.Target> targets = new ArrayList<>();
        for (Budget budget : cache.budgetsOf(request.tenantId())) {
            if (budget.matches(request.dimensions())) {
                targets.add(new SpendCounters.Target(budget, budget.windowAt(at)));
            }
        }
        String reservationId = Ids.newId("rsv");
        Instant expiry = now.plus(reservationTtl);
        Reservations.Outcome reserved = targets.isEmpty()
                ? new Reservations.Outcome(true, List.of())
                : reservations.reserve(request.tenantId(), targets, reservationId, estimate, now, expiry);
        List<BudgetStatus> statuses = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Reservations.Counted counted = reserved.counted().get(i);
            statuses.add(new BudgetStatus(targets.get(i).budget(), targets.get(i).window(), counted.spentNanos(),
                    counted.reservedNanos()));
        }
        CheckOutcome outcome = DecisionPolicy.decide(statuses, estimate);
        if (reserved.admitted() == (outcome.decision() == Decision.DENY)) {
            // The script and the policy apply the same rule to the same values; disagreement is a bug.
            throw new IllegalStateException("reserve script and decision policy disagree for tenant " + request.tenantId());
        }
        recordShadowDenials(request.tenantId(), statuses, outcome, estimate);
        return reserved.admitted() ? outcome.withReservation(reservationId, expiry) : outcome;
    }

    private void recordShadowDenials(String tenant, List<BudgetStatus> statuses, CheckOutcome outcome, long estimate) {
        for (String budgetId : outcome.shadowDenials()) {
            meters.counter("tokenledger_budget_shadow_denials", "budget", budgetId).increment();
            for (BudgetStatus status : statuses) {
                if (status.budget().id().equals(budgetId)) {
                    LOG.infof("budget-event shadow_deny tenant=%s budget=%s limit_nanos=%d spent_nanos=%d reserved_nanos=%d"
                                    + " estimate_nanos=%d window_end=%s", tenant, budgetId, status.budget().limitNanos(),
                            status.spentNanos(), status.reservedNanos(), estimate, status.window().end());
                }
            }
        }
    }
}

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
import io.tokenledger.budget.domain.OpenReservation;
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

    /**
     * A pre-flight question. The cost estimate is {@code estimatedCostNanos} when > 0, else the priced expected
     * usage; the token estimate is {@code estimatedTokens} when > 0, else the expected usage's total tokens.
     */
    public record CheckRequest(String tenantId, Map<String, String> dimensions, long estimatedCostNanos,
                               String provider, String model, Optional<TokenUsage> expectedUsage, Optional<Instant> time,
                               long estimatedTokens) {

        public CheckRequest(String tenantId, Map<String, String> dimensions, long estimatedCostNanos, String provider,
                            String model, Optional<TokenUsage> expectedUsage, Optional<Instant> time) {
            this(tenantId, dimensions, estimatedCostNanos, provider, model, expectedUsage, time, 0L);
        }

        long tokens() {
            return estimatedTokens > 0 ? estimatedTokens : expectedUsage.map(TokenTotals::of).orElse(0L);
        }
    }

    private static final Logger LOG = Logger.getLogger(BudgetEnforcement.class);

    private final BudgetCache cache;
    private final Reservations reservations;
    private final UsagePricer pricer;
    private final Clock clock;
    private final Duration reservationTtl;
    private final MeterRegistry meters;
    private final ReservationJournal journal;

    public BudgetEnforcement(BudgetCache cache, Reservations reservations, UsagePricer pricer, Clock clock,
                             BudgetConfig config, MeterRegistry meters, ReservationJournal journal) {
        this.journal = journal;
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
        violations.check(request.estimatedTokens() >= 0, "estimated_tokens", "must be >= 0");
        // A token-only check (estimated_tokens, no usage to price) reserves no cost in USD budgets.
        boolean tokenOnly = request.estimatedTokens() > 0 && request.expectedUsage().isEmpty();
        if (request.estimatedCostNanos() == 0 && !tokenOnly) {
            violations.check(!request.model().isBlank(), "model", "is required when estimated_cost_nanos is 0");
            violations.check(request.expectedUsage().isPresent(), "expected_usage", "is required when estimated_cost_nanos is 0");
        }
        violations.throwIfAny();
        Instant now = clock.instant();
        Instant at = request.time().orElse(now);
        long tokens = request.tokens();
        long estimate = request.estimatedCostNanos() > 0 || tokenOnly ? request.estimatedCostNanos()
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
                : reservations.reserve(request.tenantId(), targets, reservationId, estimate, tokens, now, expiry);
        List<BudgetStatus> statuses = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Reservations.Counted counted = reserved.counted().get(i);
            statuses.add(new BudgetStatus(targets.get(i).budget(), targets.get(i).window(), counted.spentNanos(),
                    counted.reservedNanos()));
        }
        CheckOutcome outcome = DecisionPolicy.decide(statuses, estimate, tokens);
        if (reserved.admitted() == (outcome.decision() == Decision.DENY)) {
            // The script and the policy apply the same rule to the same values; disagreement is a bug.
            throw new IllegalStateException("reserve script and decision policy disagree for tenant " + request.tenantId());
        }
        recordShadowDenials(request.tenantId(), statuses, outcome, estimate, tokens);
        if (reserved.admitted() && !targets.isEmpty()) {
            journal.opened(new OpenReservation(reservationId, request.tenantId(), reserved.record(), now, expiry));
        }
        return reserved.admitted() ? outcome.withReservation(reservationId, expiry) : outcome;
    }

    private void recordShadowDenials(String tenant, List<BudgetStatus> statuses, CheckOutcome outcome, long estimateNanos,
                                     long estimateTokens) {
        for (String budgetId : outcome.shadowDenials()) {
            meters.counter("tokenledger_budget_shadow_denials", "budget", budgetId).increment();
            for (BudgetStatus status : statuses) {
                if (status.budget().id().equals(budgetId)) {
                    LOG.infof("budget-event shadow_deny tenant=%s budget=%s unit=%s limit=%d spent=%d reserved=%d"
                                    + " estimate=%d window_end=%s", tenant, budgetId,
                            status.budget().countsTokens() ? "tokens" : "nano-USD", status.budget().limit(),
                            status.spentNanos(), status.reservedNanos(),
                            status.budget().amountOf(estimateNanos, estimateTokens), status.window().end());
                }
            }
        }
    }
}

package io.tokenledger.budget.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

        /** A token-only check (estimated_tokens, no usage to price) reserves no cost in USD budgets. */
        boolean tokenOnly() {
            return estimatedTokens > 0 && expectedUsage.isEmpty();
        }

        /** Whether the cost estimate is the priced expected usage. */
        boolean needsPricing() {
            return estimatedCostNanos == 0 && !tokenOnly();
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

    /** What a check reserves, and where: the estimate and every matching budget's window at the call's time. */
    private record Prepared(CheckRequest request, Instant now, long estimate, long tokens,
                            List<SpendCounters.Target> targets) {
    }

    /**
     * Checks and reserves. When the tenant's budgets and the estimate's price are in memory (the usual case) the
     * whole check runs on the calling event loop with one non-blocking EVALSHA; otherwise it is prepared on a
     * worker thread first (reload of the budgets from PostgreSQL, or a PriceUsage call).
     */
    public Uni<CheckOutcome> check(CheckRequest request) {
        return Uni.createFrom().deferred(() -> {
            validate(request);
            Instant now = clock.instant();
            Optional<Prepared> fromMemory = prepareFromMemory(request, now);
            Uni<Prepared> prepared = fromMemory.isPresent() ? Uni.createFrom().item(fromMemory.get())
                    : Uni.createFrom().item(() -> prepare(request, now)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return prepared.chain(this::reserve);
        });
    }

    private static void validate(CheckRequest request) {
        Violations violations = new Violations();
        violations.check(!request.tenantId().isBlank(), "tenant_id", "is required");
        violations.check(request.estimatedCostNanos() >= 0, "estimated_cost_nanos", "must be >= 0");
        violations.check(request.estimatedTokens() >= 0, "estimated_tokens", "must be >= 0");
        if (request.estimatedCostNanos() == 0 && !request.tokenOnly()) {
            violations.check(!request.model().isBlank(), "model", "is required when estimated_cost_nanos is 0");
            violations.check(request.expectedUsage().isPresent(), "expected_usage", "is required when estimated_cost_nanos is 0");
        }
        violations.throwIfAny();
    }

    private Optional<Prepared> prepareFromMemory(CheckRequest request, Instant now) {
        Optional<List<Budget>> budgets = cache.freshBudgetsOf(request.tenantId());
        if (budgets.isEmpty()) {
            return Optional.empty();
        }
        if (request.needsPricing()) {
            OptionalLong cached = pricer.cachedPrice(request.tenantId(), request.provider(), request.model(),
                    request.expectedUsage().orElseThrow());
            return cached.isPresent()
                    ? Optional.of(prepared(request, now, cached.getAsLong(), budgets.get())) : Optional.empty();
        }
        return Optional.of(prepared(request, now, request.estimatedCostNanos(), budgets.get()));
    }

    /** Blocking: may reload the tenant's budgets and call pricing-service. */
    private Prepared prepare(CheckRequest request, Instant now) {
        long estimate = request.needsPricing()
                ? pricer.price(request.tenantId(), request.provider(), request.model(), request.time().orElse(now),
                        request.expectedUsage().orElseThrow())
                : request.estimatedCostNanos();
        return prepared(request, now, estimate, cache.budgetsOf(request.tenantId()));
    }

    private static Prepared prepared(CheckRequest request, Instant now, long estimate, List<Budget> budgets) {
        Instant at = request.time().orElse(now);
        List<SpendCounters.Target> targets = new ArrayList<>();
        for (Budget budget : budgets) {
            if (budget.matches(request.dimensions())) {
                targets.add(new SpendCounters.Target(budget, budget.windowAt(at)));
            }
        }
        return new Prepared(request, now, estimate, request.tokens(), targets);
    }

    private Uni<CheckOutcome> reserve(Prepared prepared) {
        String reservationId = Ids.newId("rsv");
        Instant expiry = prepared.now().plus(reservationTtl);
        if (prepared.targets().isEmpty()) {
            return Uni.createFrom().item(() -> decide(prepared, reservationId, expiry,
                    new Reservations.Outcome(true, List.of())));
        }
        return reservations.reserveAsync(prepared.request().tenantId(), prepared.targets(), reservationId,
                        prepared.estimate(), prepared.tokens(), prepared.now(), expiry)
                .map(reserved -> decide(prepared, reservationId, expiry, reserved));
    }

    private CheckOutcome decide(Prepared prepared, String reservationId, Instant expiry, Reservations.Outcome reserved) {
        String tenant = prepared.request().tenantId();
        List<SpendCounters.Target> targets = prepared.targets();
        List<BudgetStatus> statuses = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Reservations.Counted counted = reserved.counted().get(i);
            statuses.add(new BudgetStatus(targets.get(i).budget(), targets.get(i).window(), counted.spentNanos(),
                    counted.reservedNanos()));
        }
        CheckOutcome outcome = DecisionPolicy.decide(statuses, prepared.estimate(), prepared.tokens());
        if (reserved.admitted() == (outcome.decision() == Decision.DENY)) {
            // The script and the policy apply the same rule to the same values; disagreement is a bug.
            throw new IllegalStateException("reserve script and decision policy disagree for tenant " + tenant);
        }
        recordShadowDenials(tenant, statuses, outcome, prepared.estimate(), prepared.tokens());
        if (!reserved.admitted()) {
            return outcome;
        }
        if (!targets.isEmpty()) {
            journal.opened(new OpenReservation(reservationId, tenant, reserved.record(), prepared.now(), expiry));
        }
        return outcome.withReservation(reservationId, expiry);
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

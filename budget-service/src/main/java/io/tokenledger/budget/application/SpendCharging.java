package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.ChargeResult;
import io.tokenledger.budget.domain.SpendCharge;
import io.tokenledger.budget.domain.ThresholdCrossing;
import io.tokenledger.budget.domain.Thresholds;
import io.tokenledger.budget.persistence.BudgetEventRepository;
import io.tokenledger.budget.redis.SpendCounters;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Charges actual spend to every matching budget, exactly once per (tenant, event id). Budgets come from the
 * in-memory cache and counters from Redis, so a batch costs no PostgreSQL round trip per event; only threshold
 * crossings are written, in one transaction per batch.
 */
@ApplicationScoped
public class SpendCharging {

    /** The most charges one request may carry. */
    public static final int MAX_CHARGES = 10_000;
    private static final Logger LOG = Logger.getLogger(SpendCharging.class);

    private final BudgetCache cache;
    private final SpendCounters counters;
    private final BudgetEventRepository events;
    private final Clock clock;
    private final ReservationJournal journal;

    public SpendCharging(BudgetCache cache, SpendCounters counters, BudgetEventRepository events, Clock clock,
                         ReservationJournal journal) {
        this.journal = journal;
        this.cache = cache;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    public List<ChargeResult> charge(List<SpendCharge> charges) {
        validate(charges);
        List<SpendCounters.Charge> toApply = new ArrayList<>(charges.size());
        for (SpendCharge charge : charges) {
            List<SpendCounters.Target> targets = new ArrayList<>();
            for (Budget budget : cache.budgetsOf(charge.tenantId())) {
                if (budget.matches(charge.dimensions())) {
                    targets.add(new SpendCounters.Target(budget, budget.windowAt(charge.occurredAt())));
                }
            }
            toApply.add(new SpendCounters.Charge(charge.tenantId(), charge.eventId(), charge.costNanos(), targets,
                    charge.reservationId(), charge.totalTokens(), charge.occurredAt()));
        }
        List<SpendCounters.Applied> applied = counters.apply(toApply);

        List<ChargeResult> results = new ArrayList<>(charges.size());
        List<ThresholdCrossing> crossings = new ArrayList<>();
        for (int i = 0; i < charges.size(); i++) {
            SpendCounters.Charge charge = toApply.get(i);
            SpendCounters.Applied outcome = applied.get(i);
            if (outcome.duplicate()) {
                // The first attempt may have counted in Redis but failed to write its crossings to PostgreSQL:
                // re-derive them from the values it left (writes are idempotent per budget, window, threshold).
                crossings.addAll(crossingsOfFirstAttempt(charges.get(i), outcome));
                results.add(new ChargeResult(charge.eventId(), true, List.of()));
                continue;
            }
            if (!charge.reservationId().isBlank()) {
                journal.settled(charge.tenant(), charge.reservationId());
            }
            List<String> budgetIds = new ArrayList<>(charge.targets().size());
            for (int t = 0; t < charge.targets().size(); t++) {
                SpendCounters.Target target = charge.targets().get(t);
                long after = outcome.after().get(t);
                long before = after - charge.amountFor(target);
                Budget budget = target.budget();
                budgetIds.add(budget.id());
                for (int percent : Thresholds.crossedBy(budget.thresholds(), budget.limit(), before, after)) {
                    crossings.add(new ThresholdCrossing(budget, budget.eventWindowAt(charge.occurredAt()), percent, after));
                }
            }
            results.add(new ChargeResult(charge.eventId(), false, budgetIds));
        }
        if (!crossings.isEmpty()) {
            List<String> written = events.recordCrossings(crossings, clock.instant());
            LOG.debugf("Recorded %d budget events of %d crossings", written.size(), crossings.size());
        }
        return results;
    }

    private List<ThresholdCrossing> crossingsOfFirstAttempt(SpendCharge charge, SpendCounters.Applied outcome) {
        List<ThresholdCrossing> crossings = new ArrayList<>();
        for (Budget budget : cache.budgetsOf(charge.tenantId())) {
            Long after = outcome.firstAfterByBudget().get(budget.id());
            if (after == null) {
                continue;
            }
            long before = after - budget.amountOf(charge.costNanos(), charge.totalTokens());
            for (int percent : Thresholds.crossedBy(budget.thresholds(), budget.limit(), before, after)) {
                crossings.add(new ThresholdCrossing(budget, budget.eventWindowAt(charge.occurredAt()), percent, after));
            }
        }
        return crossings;
    }

    private static void validate(List<SpendCharge> charges) {
        Violations violations = new Violations();
        violations.check(charges.size() <= MAX_CHARGES, "charges", "at most " + MAX_CHARGES + " per request");
        for (int i = 0; i < charges.size(); i++) {
            SpendCharge charge = charges.get(i);
            violations.check(!charge.eventId().isBlank(), "charges[" + i + "].event_id", "is required");
            violations.check(!charge.tenantId().isBlank(), "charges[" + i + "].tenant_id", "is required");
            // A correction's charges take back what an earlier charge counted: only they may be negative.
            violations.check(charge.costNanos() >= 0 || charge.correction(), "charges[" + i + "].cost_nanos",
                    "must be >= 0 (unless correction is set)");
            violations.check(charge.totalTokens() >= 0 || charge.correction(), "charges[" + i + "].total_tokens",
                    "must be >= 0 (unless correction is set)");
        }
        violations.throwIfAny();
    }
}

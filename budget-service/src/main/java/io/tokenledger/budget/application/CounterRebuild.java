package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.domain.OpenReservation;
import io.tokenledger.budget.domain.RollingBuckets;
import io.tokenledger.budget.domain.Window;
import io.tokenledger.budget.persistence.ReservationRepository;
import io.tokenledger.budget.redis.Reservations;
import io.tokenledger.budget.redis.SpendCounters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Rebuilds a tenant's live spend counters from the ledger (Redis is a cache): each budget's current-window spend
 * (cost, or total tokens for a token budget) is recomputed with the ledger's QueryCost over the budget's scope and
 * window, and written over the counter. A rolling budget's buckets are rebuilt from hourly ledger totals: exact for
 * hour buckets; with minute buckets each hour's spend goes to the hour's last minute bucket (the current bucket for
 * the current hour), so it may keep counting up to 59 minutes longer than the original charges would have.
 * Then every open reservation of the tenant in PostgreSQL (written behind by {@link ReservationJournal}; this
 * replica's queue is flushed first) that is missing from Redis is put back into each window it holds, until its
 * original expiry; a reservation still in Redis is left alone, so a rebuild never counts one twice.
 */
@ApplicationScoped
public class CounterRebuild {

    private static final Logger LOG = Logger.getLogger(CounterRebuild.class);

    private final BudgetCache cache;
    private final LedgerSpend ledger;
    private final SpendCounters counters;
    private final SpendStatuses statuses;
    private final Clock clock;
    private final ReservationJournal journal;
    private final ReservationRepository reservationRows;
    private final Reservations reservations;

    public CounterRebuild(BudgetCache cache, LedgerSpend ledger, SpendCounters counters, SpendStatuses statuses, Clock clock,
                          ReservationJournal journal, ReservationRepository reservationRows, Reservations reservations) {
        this.journal = journal;
        this.reservationRows = reservationRows;
        this.reservations = reservations;
        this.cache = cache;
        this.ledger = ledger;
        this.counters = counters;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Rewrites every budget's current-window counter of the tenant; returns the statuses after. */
    public List<BudgetStatus> rebuild(String tenant) {
        BudgetCatalog.requireTenant(tenant);
        cache.refresh(tenant);
        List<Budget> budgets = cache.budgetsOf(tenant);
        Instant now = clock.instant();
        List<SpendCounters.Target> targets = new ArrayList<>(budgets.size());
        List<Long> spent = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            SpendCounters.Target target = new SpendCounters.Target(budget, budget.windowAt(now));
            if (budget.rolling()) {
                counters.overwriteBuckets(tenant, target, rollingBuckets(tenant, budget, target.window(), now));
                continue;
            }
            LedgerSpend.Spent total = ledger.total(tenant, budget.scope(), target.window());
            targets.add(target);
            spent.add(budget.amountOf(total.costNanos(), total.tokens()));
        }
        counters.overwrite(tenant, targets, spent);
        journal.flush();
        long restored = 0;
        for (OpenReservation open : reservationRows.open(tenant, now)) {
            restored += reservations.restore(tenant, open.id(), open.record(), now, open.expiresAt());
        }
        LOG.infof("Rebuilt %d budget counters of tenant %s from the ledger; restored %d reservation windows",
                budgets.size(), tenant, restored);
        return statuses.at(tenant, budgets, now);
    }

    private Map<Instant, Long> rollingBuckets(String tenant, Budget budget, Window window, Instant now) {
        Duration width = RollingBuckets.bucket(budget.rollingWindow());
        Instant current = RollingBuckets.bucketStart(budget.rollingWindow(), now);
        Map<Instant, Long> amounts = new TreeMap<>();
        for (LedgerSpend.Spent hour : ledger.byHour(tenant, budget.scope(), window)) {
            Instant lastOfHour = hour.start().plus(Duration.ofHours(1)).minus(width);
            Instant bucket = lastOfHour.isAfter(current) ? current : lastOfHour;
            amounts.merge(bucket, budget.amountOf(hour.costNanos(), hour.tokens()), Long::sum);
        }
        return amounts;
    }
}

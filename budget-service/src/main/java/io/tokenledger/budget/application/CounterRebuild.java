package io.tokenledger.budget.application;

import io.tokenledger.budget.domain.Budget;
import io.tokenledger.budget.domain.BudgetStatus;
import io.tokenledger.budget.domain.OpenReservation;
import io.tokenledger.budget.domain.RollingBuckets;
import io.tokenledger.budget.domain.Window;
import io.tokenledger.budget.persistence.ReservationRepository;
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
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Rebuilds a tenant's live spend counters from the ledger (Redis is a cache): each budget's spend in its current
 * window, and on request in earlier windows (cost, or total tokens for a token budget), is recomputed with the ledger's QueryCost over the budget's scope and
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
        return rebuild(tenant, Optional.empty());
    }

    /**
     * Rewrites every budget's counters of the tenant: the current window and, with {@code since}, every earlier
     * calendar window back to the one containing it (at most {@link SpendCounters#COUNTER_RETENTION} back, as long
     * as counters are kept). Returns the statuses in the current windows.
     */
    public List<BudgetStatus> rebuild(String tenant, Optional<Instant> since) {
        BudgetCatalog.requireTenant(tenant);
        Instant now = clock.instant();
        since.ifPresent(from -> new Violations()
                .check(!from.isAfter(now), "since", "must not be in the future")
                .check(!from.isBefore(now.minus(SpendCounters.COUNTER_RETENTION)), "since",
                        "must be within " + SpendCounters.COUNTER_RETENTION.toDays() + " days (the counters' retention)")
                .throwIfAny());
        cache.refresh(tenant);
        List<Budget> budgets = cache.budgetsOf(tenant);
        List<SpendCounters.Target> targets = new ArrayList<>();
        List<Long> spent = new ArrayList<>();
        for (Budget budget : budgets) {
            if (budget.rolling()) {
                SpendCounters.Target target = new SpendCounters.Target(budget, budget.windowAt(now));
                counters.overwriteBuckets(tenant, target, rollingBuckets(tenant, budget, target.window(), now));
                continue;
            }
            for (Window window : windowsSince(budget, since.orElse(now), now)) {
                LedgerSpend.Spent total = ledger.total(tenant, budget.scope(), window);
                targets.add(new SpendCounters.Target(budget, window));
                spent.add(budget.amountOf(total.costNanos(), total.tokens()));
            }
        }
        counters.overwrite(tenant, targets, spent);
        journal.flush();
        long restored = 0;
        for (OpenReservation open : reservationRows.open(tenant, now)) {
            restored += reservations.restore(tenant, open.id(), open.record(), now, open.expiresAt());
        }
        LOG.infof("Rebuilt %d window counters of %d budgets of tenant %s from the ledger; restored %d reservation"
                + " windows", targets.size(), budgets.size(), tenant, restored);
        return statuses.at(tenant, budgets, now);
    }

    /** A calendar budget's windows from the one containing {@code since} to the current one, oldest first. */
    static List<Window> windowsSince(Budget budget, Instant since, Instant now) {
        List<Window> windows = new ArrayList<>();
        Window window = budget.windowAt(since);
        windows.add(window);
        while (!now.isBefore(window.end())) {
            window = budget.windowAt(window.end());
            windows.add(window);
        }
        return windows;
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

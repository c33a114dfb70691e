package io.tokenledger.budget.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.tokenledger.budget.domain.OpenReservation;
import io.tokenledger.budget.persistence.ReservationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes reservations and their settles to PostgreSQL behind the hot path: CheckBudget and ChargeSpend only queue
 * (no database round trip per check); a scheduled flush writes the queue in one batch every
 * {@code reservation-flush} (100 ms), and again at shutdown. Redis stays the source of truth for enforcement; the
 * rows let RebuildCounters restore open reservations after Redis lost them. What a crash loses: the entries queued
 * since the last flush (at most ~100 ms of admissions and settles); that matters only if Redis loses its data too
 * before those reservations expire, and then those admitted calls are charged in full when their usage arrives,
 * without a reservation held for them in between. A settle lost this way leaves its row open until it expires
 * (reservation-ttl), so a rebuild in that time would hold it once more.
 */
@ApplicationScoped
public class ReservationJournal {

    /** More queued entries than this (PostgreSQL down for long) are dropped, counted and logged. */
    static final int MAX_QUEUED = 1_000_000;
    private static final int BATCH = 5_000;
    private static final Logger LOG = Logger.getLogger(ReservationJournal.class);

    private final ReservationRepository repository;
    private final Clock clock;
    private final ConcurrentLinkedQueue<OpenReservation> opened = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ReservationRepository.Settle> settled = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter dropped;

    public ReservationJournal(ReservationRepository repository, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.clock = clock;
        this.dropped = meters.counter("tokenledger_budget_reservation_journal_dropped");
    }

    public void opened(OpenReservation reservation) {
        if (admit()) {
            opened.add(reservation);
        }
    }

    public void settled(String tenant, String reservationId) {
        if (admit()) {
            settled.add(new ReservationRepository.Settle(tenant, reservationId, clock.instant()));
        }
    }

    private boolean admit() {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.increment();
            return false;
        }
        return true;
    }

    @Scheduled(every = "${tokenledger.budget.reservation-flush:100ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "reservation-journal")
    void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Reservation journal not written (kept queued, retried at the next flush): %s", e.getMessage());
        }
    }

    /** Writes everything queued so far (RebuildCounters calls it first so this replica's entries are in PG). */
    public synchronized void flush() {
        while (!opened.isEmpty() || !settled.isEmpty()) {
            List<OpenReservation> open = drain(opened);
            List<ReservationRepository.Settle> settle = drain(settled);
            try {
                repository.write(open, settle);
            } catch (RuntimeException e) {
                opened.addAll(open);
                settled.addAll(settle);
                throw e;
            }
            queued.addAndGet(-(open.size() + settle.size()));
        }
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
        List<T> batch = new ArrayList<>();
        T item;
        while (batch.size() < BATCH && (item = queue.poll()) != null) {
            batch.add(item);
        }
        return batch;
    }

    /** Rows of reservations that expired over a day ago are of no use to a rebuild. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "reservation-purge")
    void purge() {
        try {
            repository.purgeExpired(clock.instant().minus(Duration.ofDays(1)));
        } catch (RuntimeException e) {
            LOG.warnf("Expired reservations not purged: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Reservation journal not written at shutdown: %s", e.getMessage());
        }
    }
}

package io.tokenledger.ingest.application;

import io.quarkus.scheduler.Scheduled;
import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.InboxBatch;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Completes the events the request path could not: claims due PENDING batches (several instances may run,
 * SKIP LOCKED keeps them apart) and runs their pending events through the same pipeline, batch by batch, oldest first.
 */
@ApplicationScoped
public class InboxDrainer {

    private static final Logger LOG = Logger.getLogger(InboxDrainer.class);

    private final Inbox inbox;
    private final EventPipeline pipeline;
    private final IngestMetrics metrics;
    private final IngestConfig.Drainer config;

    public InboxDrainer(Inbox inbox, EventPipeline pipeline, IngestMetrics metrics, IngestConfig config) {
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.config = config.drainer();
    }

    @Scheduled(identity = "inbox-drainer", every = "${tokenledger.ingest.drainer.every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (config.enabled()) {
            drainBacklog();
        }
    }

    /**
     * Drains claim after claim while the claims are full and complete something; returns how many claims it made.
     * A backlog (after an outage) is so drained at the pipeline's speed, not one claim per tick: at 1,000 events every
     * 2 s a replica recovered 500 events/s while ingest accepted 12,000. A claim that completes nothing (the outage
     * goes on) or that was not full waits for the next tick.
     */
    public int drainBacklog() {
        int claims = 0;
        Drained drained;
        do {
            drained = drain();
            claims++;
        } while (drained.claimed() >= config.batchSize() && drained.completed() > 0);
        return claims;
    }

    /** What one claim held and how many of those events it completed. */
    private record Drained(int claimed, int completed) {
    }

    /**
     * Drains the due batches of one claim, oldest first. Once a batch leaves an
     * ordinary event of a tenant pending (a downstream call failed), the tenant's later batches of this claim wait for
     * their next attempt, so that they do not overtake it.
     */
    private Drained drain() {
        List<InboxBatch> due = inbox.claimDue(config.batchSize(), config.initialBackoff(), config.maxBackoff());
        Set<String> failedTenants = new HashSet<>();
        int claimed = 0;
        int completed = 0;
        for (InboxBatch batch : due) {
            List<UsageEvent> pending = batch.pending();
            claimed += pending.size();
            if (pending.stream().anyMatch(e -> failedTenants.contains(e.tenantId()))) {
                continue;
            }
            Map<EventKey, Outcome> done = pipeline.complete(batch);
            completed += done.size();
            // A correction waiting for its target does not hold its tenant back.
            pending.stream().filter(e -> !e.correction().isCorrection() && !done.containsKey(e.key()))
                    .forEach(e -> failedTenants.add(e.tenantId()));
        }
        if (claimed > 0) {
            metrics.drained(completed, claimed - completed);
            LOG.infof("Drained %d inbox events: %d recorded, %d left for retry", claimed, completed, claimed - completed);
        }
        return new Drained(claimed, completed);
    }
}

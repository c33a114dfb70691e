package io.tokenledger.ingest.application;

import io.quarkus.scheduler.Scheduled;
import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Completes the events the request path could not: claims due PENDING events (several instances may run,
 * SKIP LOCKED keeps them apart) and runs them through the same pipeline.
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
            drain();
        }
    }

    /** Drains one batch; returns how many events were claimed. */
    public int drain() {
        List<UsageEvent> due = inbox.claimDue(config.batchSize(), config.initialBackoff(), config.maxBackoff());
        if (due.isEmpty()) {
            return 0;
        }
        Map<EventKey, Outcome> completed = pipeline.complete(due);
        metrics.drained(completed.size(), due.size() - completed.size());
        LOG.infof("Drained %d inbox events: %d recorded, %d left for retry", due.size(), completed.size(),
                due.size() - completed.size());
        return due.size();
    }
}

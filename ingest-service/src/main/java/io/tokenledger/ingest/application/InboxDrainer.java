package io.tokenledger.ingest.application;

import io.quarkus.scheduler.Scheduled;
import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.InboxBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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
            drain();
        }
    }

    /** Drains the due batches of one claim; returns how many events they held. */
    public int drain() {
        List<InboxBatch> due = inbox.claimDue(config.batchSize(), config.initialBackoff(), config.maxBackoff());
        int claimed = 0;
        int completed = 0;
        for (InboxBatch batch : due) {
            int pending = batch.pending().size();
            int done = pipeline.complete(batch).size();
            claimed += pending;
            completed += done;
        }
        if (claimed > 0) {
            metrics.drained(completed, claimed - completed);
            LOG.infof("Drained %d inbox events: %d recorded, %d left for retry", claimed, completed, claimed - completed);
        }
        return claimed;
    }
}

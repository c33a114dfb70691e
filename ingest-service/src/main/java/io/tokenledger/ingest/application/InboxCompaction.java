package io.tokenledger.ingest.application;

import io.quarkus.scheduler.Scheduled;
import io.tokenledger.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps the inbox from holding every event's body for ever: drops the payloads of batches DONE for longer than the
 * retention, a bounded number per transaction so that no statement runs long. Keys and outcomes stay, so a resent
 * event is still answered as a duplicate.
 */
@ApplicationScoped
public class InboxCompaction {

    private static final Logger LOG = Logger.getLogger(InboxCompaction.class);

    private final Inbox inbox;
    private final IngestConfig.InboxRetention config;

    public InboxCompaction(Inbox inbox, IngestConfig config) {
        this.inbox = inbox;
        this.config = config.inbox();
    }

    @Scheduled(identity = "inbox-compaction", every = "${tokenledger.ingest.inbox.compact-every:10m}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            compact();
        } catch (RuntimeException e) {
            // Nothing is lost by waiting: the next run takes the same batches.
            LOG.warnf("inbox compaction failed, retried in %s: %s", config.compactEvery(), e.toString());
        }
    }

    /** Compacts every batch past the retention; returns how many. */
    public int compact() {
        int total = 0;
        int compacted;
        do {
            compacted = inbox.dropPayloadsDoneFor(config.payloadRetention(), config.compactBatches());
            total += compacted;
        } while (compacted == config.compactBatches());
        if (total > 0) {
            LOG.infof("Dropped the payloads of %d inbox batches DONE for more than %s", total, config.payloadRetention());
        }
        return total;
    }
}

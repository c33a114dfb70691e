package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.RerateFigures;
import java.time.Instant;

/** Port: the audit row of each re-rating run (persistence). */
public interface RerateAudit {

    /** Stores the run as RUNNING before anything is written. */
    void started(String runId, String tenantId, Instant start, Instant end, Instant requestedAt);

    /** Stores the run's end: DONE with its figures, or FAILED with the figures so far and the error. */
    void finished(String runId, RerateFigures figures, boolean done, String error, Instant finishedAt);
}

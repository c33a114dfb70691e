package io.tokenledger.ingest.application;

import io.tokenledger.ingest.config.IngestConfig;
import io.tokenledger.ingest.domain.LedgerEntry;
import io.tokenledger.ingest.domain.LedgerEntryPage;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.RerateFigures;
import io.tokenledger.ingest.domain.Rerating;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * RerateUsage: re-prices a tenant's period under the current price book. Page by page of the ledger's entries in
 * force, it prices each entry (pricing-service, at its occurred time, tier and tenant), and every entry whose cost,
 * price version or pricing status changed gets a RERATE correction, accepted into the inbox and completed by the
 * correction pipeline like a client's AMEND (the ledger appends a REVERSAL of the entry in force and the re-priced
 * entry: that pair is the per-entry audit of old and new cost and price version; budgets are charged the reversal of
 * the old cost and the new cost). The run itself is audited in one
 * row (requested time, period, figures, status). A dry run prices the same and writes nothing.
 */
@ApplicationScoped
public class UsageRerating {

    /** The longest period one run re-prices (a quarter); longer periods are split by the caller. */
    public static final Duration MAX_PERIOD = Duration.ofDays(93);
    /** Entries per page: one pricing call, one RecordCosts call and at most two charges per entry. */
    static final int PAGE_SIZE = 500;

    private final LedgerEntries ledger;
    private final Downstream downstream;
    private final Inbox inbox;
    private final EventPipeline pipeline;
    private final IngestConfig config;
    private final RerateAudit audit;
    private final Clock clock;

    public UsageRerating(LedgerEntries ledger, Downstream downstream, Inbox inbox, EventPipeline pipeline,
            IngestConfig config, RerateAudit audit, Clock clock) {
        this.ledger = ledger;
        this.downstream = downstream;
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** A run's id and figures. */
    public record Result(String runId, RerateFigures figures) {
    }

    public Result rerate(String tenantId, Optional<Instant> start, Optional<Instant> end, boolean dryRun) {
        validate(tenantId, start, end);
        String runId = UUID.randomUUID().toString();
        if (!dryRun) {
            audit.started(runId, tenantId, start.get(), end.get(), clock.instant());
        }
        RerateFigures figures = RerateFigures.NONE;
        try {
            String token = "";
            do {
                LedgerEntryPage page = ledger.page(tenantId, start.get(), end.get(), PAGE_SIZE, token);
                figures = rerate(tenantId, runId, page.entries(), dryRun, figures);
                token = page.nextPageToken();
            } while (!token.isEmpty());
        } catch (RuntimeException e) {
            if (!dryRun) {
                audit.finished(runId, figures, false, e.toString(), clock.instant());
            }
            throw new TokenLedgerException.Unavailable("RERATE_FAILED", "re-rating run " + runId
                    + " stopped; what it re-rated stays, a new run continues from the ledger: " + e.getMessage(), e);
        }
        if (!dryRun) {
            audit.finished(runId, figures, true, "", clock.instant());
        }
        return new Result(runId, figures);
    }

    private RerateFigures rerate(String tenantId, String runId, List<LedgerEntry> entries, boolean dryRun,
            RerateFigures figures) {
        if (entries.isEmpty()) {
            return figures;
        }
        List<UsageEvent> events = entries.stream().map(e -> Rerating.event(tenantId, runId, e)).toList();
        List<PricedEvent> prices = downstream.price(events);
        List<UsageEvent> changed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            figures = figures.plus(entries.get(i), prices.get(i));
            if (Rerating.changed(entries.get(i), prices.get(i))) {
                changed.add(events.get(i));
            }
        }
        if (dryRun || changed.isEmpty()) {
            return figures;
        }
        // Durable first: the RERATE corrections enter the inbox like accepted client events and are completed by the
        // same pipeline (ledger REVERSAL + re-priced entry, then the budget charges, each idempotent on the
        // correction's id). When attribution or budget is down, they stay queued and the drainer finishes them:
        // a re-rating is never half applied.
        pipeline.complete(inbox.accept(changed, config.pipeline().lease()));
        return figures;
    }

    private static void validate(String tenantId, Optional<Instant> start, Optional<Instant> end) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank() && tenantId.length() <= 64 && tenantId.matches("[A-Za-z0-9._-]+"),
                "tenant_id", "is required: 1..64 of [A-Za-z0-9._-]");
        violations.check(start.isPresent(), "start_time", "is required");
        violations.check(end.isPresent(), "end_time", "is required");
        if (start.isPresent() && end.isPresent()) {
            violations.check(start.get().isBefore(end.get()), "end_time", "must be after start_time");
            violations.check(Duration.between(start.get(), end.get()).compareTo(MAX_PERIOD) <= 0, "end_time",
                    "must be at most 93 days after start_time");
        }
        violations.throwIfAny();
    }
}

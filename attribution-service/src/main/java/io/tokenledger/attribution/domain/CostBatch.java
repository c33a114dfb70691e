package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

import java.time.Instant;
import java.util.List;

/** The validation rules of a RecordCosts batch. Field paths are the API's ({@code records[2].event_id}). */
public final class CostBatch {

    /** The largest batch one call may record. */
    public static final int MAX_RECORDS = 10_000;
    /** The longest event or tenant id accepted. */
    public static final int MAX_ID_LENGTH = 256;

    // PostgreSQL's timestamptz covers far more, but years outside 1..9999 are always a client bug.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final String NUL = "must not contain the NUL character";

    private CostBatch() {
    }

    /** Throws {@code TokenLedgerException.Invalid} naming every problem of the batch; nothing is recorded then. */
    public static void validate(List<CostEntry> entries) {
        Violations violations = new Violations();
        if (entries.size() > MAX_RECORDS) {
            violations.add("records", "at most " + MAX_RECORDS + " records per call");
        }
        for (int i = 0; i < entries.size(); i++) {
            validate(entries.get(i), "records[" + i + "]", violations);
        }
        violations.throwIfAny();
    }

    // Field paths are built only for a violation: a valid batch of 10,000 costs no string work here.
    private static void validate(CostEntry entry, String path, Violations violations) {
        checkId(entry.eventId(), path, ".event_id", violations);
        checkId(entry.tenantId(), path, ".tenant_id", violations);
        if (entry.occurredAt() == null) {
            violations.add(path + ".occurred_time", "is required");
        } else if (entry.occurredAt().isBefore(EARLIEST) || entry.occurredAt().isAfter(LATEST)) {
            violations.add(path + ".occurred_time", "must be within the years 1 to 9999");
        }
        if (entry.pricingStatus() == PricingStatus.UNSPECIFIED) {
            violations.add(path + ".pricing_status", "must be PRICING_STATUS_PRICED or PRICING_STATUS_UNPRICED");
        }
        if (entry.costNanos() < 0) {
            violations.add(path + ".cost_nanos", "must be >= 0");
        }
        for (TokenClass tokenClass : TokenClass.values()) {
            if (entry.tokens().get(tokenClass) < 0) {
                violations.add(path + ".usage." + tokenClass.field(), "must be >= 0");
            }
        }
        for (CostPart part : CostPart.values()) {
            if (entry.breakdown().get(part) < 0) {
                violations.add(path + ".breakdown." + part.field(), "must be >= 0");
            }
        }
        if (entry.reportedCostNanos().isPresent() && entry.reportedCostNanos().getAsLong() < 0) {
            violations.add(path + ".reported_cost_nanos", "must be >= 0");
        }
        if (entry.listCostNanos() < 0) {
            violations.add(path + ".list_cost_nanos", "must be >= 0");
        }
        if (entry.serviceTier() == ServiceTier.UNRECOGNIZED) {
            violations.add(path + ".service_tier", "must be a known service tier (STANDARD, BATCH, PRIORITY, FLEX)");
        }
        checkText(entry.provider(), path, ".provider", violations);
        checkText(entry.model(), path, ".model", violations);
        checkText(entry.unpricedReason(), path, ".unpriced_reason", violations);
        checkText(entry.priceId(), path, ".price_id", violations);
        checkText(entry.traceId(), path, ".trace_id", violations);
        if (!entry.promptPrefixHash().isEmpty() || entry.promptPrefixTokens() != 0) {
            PromptPrefixRule.check(entry, path, violations);
        }
        entry.labels().forEach((key, value) -> {
            checkText(key, path, ".labels", violations);
            if (value.indexOf('\0') >= 0) {
                violations.add(path + ".labels[" + key.replace("\0", "") + "]", NUL);
            }
        });
    }

    // PostgreSQL text and jsonb cannot hold U+0000; rejecting it here keeps one bad label from failing a batch later.
    private static void checkText(String text, String path, String field, Violations violations) {
        if (text.indexOf('\0') >= 0) {
            violations.add(path + field, NUL);
        }
    }

    private static void checkId(String id, String path, String field, Violations violations) {
        checkText(id, path, field, violations);
        if (id.isBlank()) {
            violations.add(path + field, "is required");
        } else if (id.length() > MAX_ID_LENGTH) {
            violations.add(path + field, "must be at most " + MAX_ID_LENGTH + " characters");
        }
    }
}

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

    private CostBatch() {
    }

    /** Throws {@code TokenLedgerException.Invalid} naming every problem of the batch; nothing is recorded then. */
    public static void validate(List<CostEntry> entries) {
        Violations violations = new Violations();
        violations.check(entries.size() <= MAX_RECORDS, "records", "at most " + MAX_RECORDS + " records per call");
        for (int i = 0; i < entries.size(); i++) {
            validate(entries.get(i), "records[" + i + "]", violations);
        }
        violations.throwIfAny();
    }

    private static void validate(CostEntry entry, String path, Violations violations) {
        checkId(entry.eventId(), path + ".event_id", violations);
        checkId(entry.tenantId(), path + ".tenant_id", violations);
        if (entry.occurredAt() == null) {
            violations.add(path + ".occurred_time", "is required");
        } else if (entry.occurredAt().isBefore(EARLIEST) || entry.occurredAt().isAfter(LATEST)) {
            violations.add(path + ".occurred_time", "must be within the years 1 to 9999");
        }
        violations.check(entry.pricingStatus() != PricingStatus.UNSPECIFIED, path + ".pricing_status",
                "must be PRICING_STATUS_PRICED or PRICING_STATUS_UNPRICED");
        violations.check(entry.costNanos() >= 0, path + ".cost_nanos", "must be >= 0");
        for (TokenClass tokenClass : TokenClass.values()) {
            violations.check(entry.tokens().get(tokenClass) >= 0, path + ".usage." + tokenClass.field(), "must be >= 0");
        }
        for (CostPart part : CostPart.values()) {
            violations.check(entry.breakdown().get(part) >= 0, path + ".breakdown." + part.field(), "must be >= 0");
        }
        checkText(entry.provider(), path + ".provider", violations);
        checkText(entry.model(), path + ".model", violations);
        checkText(entry.unpricedReason(), path + ".unpriced_reason", violations);
        checkText(entry.priceId(), path + ".price_id", violations);
        checkText(entry.traceId(), path + ".trace_id", violations);
        entry.labels().forEach((key, value) -> {
            checkText(key, path + ".labels", violations);
            checkText(value, path + ".labels[" + key.replace("\0", "") + "]", violations);
        });
    }

    // PostgreSQL text and jsonb cannot hold U+0000; rejecting it here keeps one bad label from failing a batch later.
    private static void checkText(String text, String field, Violations violations) {
        violations.check(text.indexOf('\0') < 0, field, "must not contain the NUL character");
    }

    private static void checkId(String id, String field, Violations violations) {
        checkText(id, field, violations);
        if (id.isBlank()) {
            violations.add(field, "is required");
        } else if (id.length() > MAX_ID_LENGTH) {
            violations.add(field, "must be at most " + MAX_ID_LENGTH + " characters");
        }
    }
}

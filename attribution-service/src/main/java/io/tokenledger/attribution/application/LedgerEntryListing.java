package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.InForceEntry;
import io.tokenledger.attribution.domain.LedgerEntryPage;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ListLedgerEntries: the entries in force of a tenant over {@code [start, end)}, by event id, in keyset pages. The
 * page token is the last event id of the previous page (base64url), so a page costs the same wherever it starts and
 * entries written meanwhile never shift a page.
 */
@ApplicationScoped
public class LedgerEntryListing {

    static final int DEFAULT_PAGE_SIZE = 1_000;
    static final int MAX_PAGE_SIZE = 10_000;

    private final InForceEntries ledger;

    public LedgerEntryListing(InForceEntries ledger) {
        this.ledger = ledger;
    }

    public LedgerEntryPage list(String tenantId, Optional<Instant> start, Optional<Instant> end, int pageSize,
            String pageToken) {
        Violations violations = new Violations();
        violations.check(!tenantId.isBlank(), "tenant_id", "is required");
        violations.check(start.isPresent(), "start_time", "is required");
        violations.check(end.isPresent(), "end_time", "is required");
        if (start.isPresent() && end.isPresent()) {
            violations.check(start.get().isBefore(end.get()), "end_time", "must be after start_time");
        }
        violations.check(pageSize >= 0 && pageSize <= MAX_PAGE_SIZE, "page_size", "must be 0..10000");
        String after = decode(pageToken);
        violations.check(after != null, "page_token", "is not a token from this API");
        violations.throwIfAny();
        int limit = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
        // One more than asked says whether another page follows.
        List<InForceEntry> entries = ledger.page(tenantId, start.get(), end.get(), after, limit + 1);
        if (entries.size() <= limit) {
            return new LedgerEntryPage(entries, "");
        }
        List<InForceEntry> page = entries.subList(0, limit);
        return new LedgerEntryPage(page, encode(page.get(limit - 1).eventId()));
    }

    static String encode(String eventId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(eventId.getBytes(StandardCharsets.UTF_8));
    }

    /** The event id a token carries, "" for none, null when the token is not one of ours. */
    static String decode(String token) {
        if (token.isEmpty()) {
            return "";
        }
        try {
            String eventId = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return eventId.isEmpty() ? null : eventId;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

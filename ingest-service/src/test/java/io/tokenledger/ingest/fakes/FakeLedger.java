package io.tokenledger.ingest.fakes;

import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.Dimensions;
import io.tokenledger.api.attribution.v1.LedgerEntry;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesRequest;
import io.tokenledger.api.attribution.v1.ListLedgerEntriesResponse;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.attribution.v1.ReversedEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake attribution's memory of the entry in force per event, enough to answer corrections like the real ledger
 * does (attribution's own tests check the real one): TARGET_NOT_FOUND for an unknown target, DUPLICATE for a
 * correction id seen before (with what it reversed then), else the reversed entry in force, which the correction
 * replaces (AMEND), voids (VOID) or re-prices (RERATE). Entries seeded with {@link #seed} are also listed by
 * ListLedgerEntries (at most 3 per page, so that paging is exercised), with a RERATE's new price once re-rated.
 */
public final class FakeLedger {

    private static final ReversedEntry VOIDED = ReversedEntry.newBuilder().build();
    /** Entry in force per "tenant/event"; VOIDED when voided. */
    private static final Map<String, ReversedEntry> IN_FORCE = new ConcurrentHashMap<>();
    private static final Map<String, RecordResult> CORRECTIONS = new ConcurrentHashMap<>();

    /** Seeded entries in force per tenant, by event id. */
    private static final Map<String, java.util.NavigableMap<String, LedgerEntry>> LISTED = new ConcurrentHashMap<>();

    private FakeLedger() {
    }

    /** Puts an entry in force in the ledger, as if recorded (and priced) earlier. */
    public static synchronized void seed(String tenant, LedgerEntry entry) {
        LISTED.computeIfAbsent(tenant, t -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(entry.getEventId(), entry);
        IN_FORCE.put(tenant + "/" + entry.getEventId(), ReversedEntry.newBuilder().setCostNanos(entry.getCostNanos())
                .setOccurredTime(entry.getOccurredTime()).setProvider(entry.getProvider()).setModel(entry.getModel())
                .setDimensions(entry.getDimensions()).setEventCount(1)
                .setTotalTokens(entry.getUsage().getInputTokens() + entry.getUsage().getOutputTokens()).build());
    }

    static synchronized ListLedgerEntriesResponse page(ListLedgerEntriesRequest request) {
        java.util.NavigableMap<String, LedgerEntry> entries = LISTED.getOrDefault(request.getTenantId(),
                new java.util.TreeMap<>());
        List<LedgerEntry> page = (request.getPageToken().isEmpty() ? entries
                : entries.tailMap(request.getPageToken(), false)).values().stream()
                .filter(e -> !toInstant(e.getOccurredTime()).isBefore(toInstant(request.getStartTime()))
                        && toInstant(e.getOccurredTime()).isBefore(toInstant(request.getEndTime())))
                .limit(Math.min(3, request.getPageSize()) + 1).toList();
        int size = Math.min(3, request.getPageSize());
        if (page.size() <= size) {
            return ListLedgerEntriesResponse.newBuilder().addAllEntries(page).build();
        }
        return ListLedgerEntriesResponse.newBuilder().addAllEntries(page.subList(0, size))
                .setNextPageToken(page.get(size - 1).getEventId()).build();
    }

    private static java.time.Instant toInstant(com.google.protobuf.Timestamp time) {
        return java.time.Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }

    static void recorded(CostRecord record, Dimensions dimensions) {
        IN_FORCE.putIfAbsent(record.getTenantId() + "/" + record.getEventId(), entry(record, dimensions));
    }

    static synchronized RecordResult correct(CostRecord record) {
        String id = record.getTenantId() + "/" + record.getEventId();
        RecordResult seen = CORRECTIONS.get(id);
        if (seen != null) {
            return seen.toBuilder().setStatus(RecordStatus.RECORD_STATUS_DUPLICATE).build();
        }
        String target = record.getTenantId() + "/" + record.getCorrectsEventId();
        ReversedEntry inForce = IN_FORCE.get(target);
        if (inForce == null) {
            return RecordResult.newBuilder().setEventId(record.getEventId())
                    .setStatus(RecordStatus.RECORD_STATUS_TARGET_NOT_FOUND).build();
        }
        Fakes.RECORDED.add(record);
        boolean amend = record.getCorrection() == CorrectionKind.CORRECTION_KIND_AMEND;
        boolean rerate = record.getCorrection() == CorrectionKind.CORRECTION_KIND_RERATE;
        Dimensions dimensions = amend ? FakeAttribution.dimensions(record) : inForce.getDimensions();
        IN_FORCE.put(target, amend || rerate ? entry(record, dimensions) : VOIDED);
        if (rerate) {
            LISTED.get(record.getTenantId()).computeIfPresent(record.getCorrectsEventId(), (event, listed) ->
                    listed.toBuilder().setEntryId(record.getEventId()).setEntryKind("RERATE")
                            .setProvider(record.getProvider()).setModel(record.getModel())
                            .setCostNanos(record.getCostNanos()).setPriceId(record.getPriceId())
                            .setPricingStatus(record.getPricingStatus()).build());
        }
        RecordResult result = RecordResult.newBuilder().setEventId(record.getEventId())
                .setStatus(RecordStatus.RECORD_STATUS_RECORDED).setDimensions(dimensions)
                .setReversed(inForce == VOIDED ? inForce.toBuilder().setDimensions(dimensions).build() : inForce)
                .build();
        CORRECTIONS.put(id, result);
        return result;
    }

    private static ReversedEntry entry(CostRecord record, Dimensions dimensions) {
        return ReversedEntry.newBuilder().setCostNanos(record.getCostNanos()).setOccurredTime(record.getOccurredTime())
                .setProvider(record.getProvider()).setModel(record.getModel()).setDimensions(dimensions)
                .setEventCount(1).setTotalTokens(record.getUsage().getInputTokens() + record.getUsage().getOutputTokens())
                .build();
    }
}

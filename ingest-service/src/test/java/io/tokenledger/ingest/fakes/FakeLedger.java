package io.tokenledger.ingest.fakes;

import io.tokenledger.api.attribution.v1.CorrectionKind;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.Dimensions;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.attribution.v1.ReversedEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake attribution's memory of the entry in force per event, enough to answer corrections like the real ledger
 * does (attribution's own tests check the real one): TARGET_NOT_FOUND for an unknown target, DUPLICATE for a
 * correction id seen before (with what it reversed then), else the reversed entry in force, which the correction
 * replaces (AMEND) or voids (VOID).
 */
final class FakeLedger {

    private static final ReversedEntry VOIDED = ReversedEntry.newBuilder().build();
    /** Entry in force per "tenant/event"; VOIDED when voided. */
    private static final Map<String, ReversedEntry> IN_FORCE = new ConcurrentHashMap<>();
    private static final Map<String, RecordResult> CORRECTIONS = new ConcurrentHashMap<>();

    private FakeLedger() {
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
        Dimensions dimensions = amend ? FakeAttribution.dimensions(record) : inForce.getDimensions();
        IN_FORCE.put(target, amend ? entry(record, dimensions) : VOIDED);
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

package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation of a RecordCosts batch that holds corrections. An AMEND record is validated like any record; a VOID
 * record needs only its ids (its amounts are ignored); a RERATE record needs its ids and valid price fields (its
 * time, usage and labels are taken from the entry in force). Every record that corrects needs a known kind and a
 * target id other than its own id. Paths are the request's ({@code records[3].corrects_event_id}).
 */
public final class CorrectionBatch {

    private static final Pattern RECORD_FIELD = Pattern.compile("records\\[(\\d+)]\\.(.*)");

    private CorrectionBatch() {
    }

    /** Throws {@code TokenLedgerException.Invalid} naming every problem; nothing is recorded then. */
    public static void validate(List<CostEntry> entries, List<Correction> corrections) {
        Violations violations = new Violations();
        try {
            CostBatch.validate(entries);
        } catch (TokenLedgerException.Invalid invalid) {
            // The shared rules ask for fields a VOID or RERATE record does not use: those findings are dropped.
            invalid.violations().stream().filter(v -> applies(v.field(), corrections))
                    .forEach(v -> violations.add(v.field(), v.description()));
        }
        for (int i = 0; i < entries.size(); i++) {
            Correction correction = corrections.get(i);
            if (!correction.isCorrection()) {
                continue;
            }
            String path = "records[" + i + "]";
            if (correction.kind() == Correction.Kind.NONE || correction.kind() == Correction.Kind.UNKNOWN) {
                violations.add(path + ".correction", "must be AMEND, VOID or RERATE when corrects_event_id is set");
            }
            String target = correction.targetEventId();
            if (target.isBlank()) {
                violations.add(path + ".corrects_event_id", "is required for a correction");
            } else if (target.length() > CostBatch.MAX_ID_LENGTH || target.indexOf('\0') >= 0) {
                violations.add(path + ".corrects_event_id",
                        "must be at most " + CostBatch.MAX_ID_LENGTH + " characters without NUL");
            } else if (target.equals(entries.get(i).eventId())) {
                violations.add(path + ".corrects_event_id", "must differ from the correction's own event_id");
            }
        }
        violations.throwIfAny();
    }

    private static boolean applies(String field, List<Correction> corrections) {
        Matcher record = RECORD_FIELD.matcher(field);
        if (!record.matches()) {
            return true;
        }
        String rest = record.group(2);
        switch (corrections.get(Integer.parseInt(record.group(1))).kind()) {
            case VOID:
                return rest.equals("event_id") || rest.equals("tenant_id");
            case RERATE:
                return !rest.equals("occurred_time") && !rest.startsWith("usage.") && !rest.startsWith("labels");
            default:
                return true;
        }
    }
}

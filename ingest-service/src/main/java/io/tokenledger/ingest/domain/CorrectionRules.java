package io.tokenledger.ingest.domain;

import io.tokenledger.platform.error.Violations;

/**
 * The rules of a correction event: a known kind (AMEND or VOID) with a target id that follows the event id rules
 * and is not the correction's own id. An AMEND is otherwise validated like any event (it carries the target's
 * complete new usage); a VOID needs nothing else, its other fields are ignored.
 */
final class CorrectionRules {

    private CorrectionRules() {
    }

    /** Returns true when the rest of the event is to be validated too (not a VOID). */
    static boolean check(UsageEvent event, String path, IngestLimits limits, Violations violations) {
        Correction correction = event.correction();
        if (correction.kind() != Correction.Kind.AMEND && correction.kind() != Correction.Kind.VOID) {
            violations.add(path + ".correction",
                    "must be CORRECTION_KIND_AMEND or CORRECTION_KIND_VOID when corrects_event_id is set");
        }
        String target = correction.targetEventId();
        if (target.isEmpty()) {
            violations.add(path + ".corrects_event_id", "must name the event to correct when correction is set");
        } else if (target.length() > limits.maxEventIdLength() || !printableAscii(target)) {
            violations.add(path + ".corrects_event_id",
                    "must be 1.." + limits.maxEventIdLength() + " printable ASCII characters");
        } else if (target.equals(event.eventId())) {
            violations.add(path + ".corrects_event_id", "must differ from the correction's own event_id");
        }
        return correction.kind() != Correction.Kind.VOID;
    }

    private static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}

package io.tokenledger.ingest.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The budget charges of one correction: the reversal (minus what the target's entry in force cost, in that entry's
 * scope and window) and, for an AMEND, the new amount in the new scope and window. Their ids derive from the
 * correction's own event id with a separator no event id can hold (event ids are printable ASCII), so a retried
 * correction never counts twice and never collides with a client's event id.
 */
public final class CorrectionCharges {

    /** Joins a correction's event id and the part of it a charge is; U+00A7 is outside printable ASCII. */
    public static final String SEPARATOR = "\u00a7";

    private CorrectionCharges() {
    }

    public static List<SpendCharge> of(UsageEvent correction, CorrectionRecorded recorded, PricedEvent amended) {
        List<SpendCharge> charges = new ArrayList<>(2);
        recorded.reversed().ifPresent(reversed -> charges.add(new SpendCharge(
                correction.eventId() + SEPARATOR + "reversal", correction.tenantId(), reversed.occurredTime(),
                reversed.dimensions(), -reversed.costNanos(), true, -reversed.totalTokens())));
        if (amended != null) {
            Map<String, String> dimensions = new LinkedHashMap<>(recorded.dimensions());
            dimensions.put("provider", amended.resolvedProvider().isEmpty() ? correction.provider()
                    : amended.resolvedProvider());
            dimensions.put("model", amended.resolvedModel().isEmpty() ? correction.model() : amended.resolvedModel());
            charges.add(new SpendCharge(correction.eventId() + SEPARATOR + "amend", correction.tenantId(),
                    correction.occurredTime().orElseThrow(), dimensions, amended.costNanos(), true,
                    SpendCharge.totalTokens(correction.usage())));
        }
        return charges;
    }
}

package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

/** The validation of a shared cost item, with the API's field paths ({@code item.weights[search]}). */
public final class SharedCostValidation {

    public static final int MAX_EVENT_IDS = 10_000;
    public static final int MAX_WEIGHTS = 10_000;
    private static final int MAX_TEXT = RuleValidation.MAX_TEXT;

    private SharedCostValidation() {
    }

    /** Throws {@code TokenLedgerException.Invalid} naming every problem; nothing is stored then. */
    public static void validate(SharedCostItem item) {
        Violations v = new Violations();
        RuleValidation.checkText(item.tenantId(), "item.tenant_id", true, MAX_TEXT, v);
        RuleValidation.checkText(item.itemId(), "item.item_id", true, MAX_TEXT, v);
        RuleValidation.checkText(item.name(), "item.name", false, MAX_TEXT, v);
        switch (item.kind()) {
            case UNSPECIFIED -> v.add("item.kind", "is required");
            case FIXED_MONTHLY -> {
                v.check(item.amountNanos() > 0, "item.amount", "must be > 0 for a fixed monthly item");
                v.check(isMonth(item.month()), "item.month", "is required as YYYY-MM for a fixed monthly item");
                v.check(item.eventIds().isEmpty(), "item.event_ids", "is only for a fine-tuning job");
                v.check(item.fineTuneJob().isEmpty(), "item.fine_tune_job", "is only for a fine-tuning job");
            }
            case FINE_TUNING_JOB -> {
                v.check(item.amountNanos() == 0, "item.amount",
                        "must be unset: a fine-tuning job costs what its ledger rows cost");
                v.check(item.month().isEmpty(), "item.month", "is only for a fixed monthly item");
                v.check(item.eventIds().isEmpty() != item.fineTuneJob().isEmpty(), "item.event_ids",
                        "exactly one of event_ids and fine_tune_job is required");
                RuleValidation.checkText(item.fineTuneJob(), "item.fine_tune_job", false, MAX_TEXT, v);
                v.check(item.eventIds().size() <= MAX_EVENT_IDS, "item.event_ids",
                        "at most " + MAX_EVENT_IDS + " event ids");
                for (int i = 0; i < item.eventIds().size() && i < MAX_EVENT_IDS; i++) {
                    RuleValidation.checkText(item.eventIds().get(i), "item.event_ids[" + i + "]", true, MAX_TEXT, v);
                }
            }
        }
        switch (item.basis()) {
            case UNSPECIFIED -> v.add("item.basis", "is required");
            case USAGE_SHARE -> v.check(item.weights().isEmpty(), "item.weights", "is only for FIXED_WEIGHTS");
            case FIXED_WEIGHTS -> checkWeights(item, v);
        }
        if (!item.targetDimension().isEmpty() && Dimension.parse(item.targetDimension()).isEmpty()) {
            v.add("item.target_dimension", "is not a dimension name");
        }
        v.throwIfAny();
    }

    private static boolean isMonth(String month) {
        if (!month.matches("[0-9]{4}-[0-9]{2}")) {
            return false;
        }
        try {
            java.time.YearMonth.parse(month);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static void checkWeights(SharedCostItem item, Violations v) {
        v.check(!item.targetDimension().isEmpty(), "item.target_dimension", "is required for FIXED_WEIGHTS");
        if (item.weights().isEmpty() || item.weights().size() > MAX_WEIGHTS) {
            v.add("item.weights", "must hold 1 to " + MAX_WEIGHTS + " weights");
            return;
        }
        long sum = 0;
        boolean overflow = false;
        for (var weight : item.weights().entrySet()) {
            if (RuleValidation.checkText(weight.getKey(), "item.weights", true, MAX_TEXT, v) && weight.getValue() < 0) {
                v.add("item.weights[" + weight.getKey() + "]", "must be >= 0");
            }
            try {
                sum = Math.addExact(sum, Math.max(0, weight.getValue()));
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        v.check(!overflow, "item.weights", "must sum to at most 9223372036854775807");
        v.check(overflow || sum > 0, "item.weights", "at least one weight must be > 0");
    }
}

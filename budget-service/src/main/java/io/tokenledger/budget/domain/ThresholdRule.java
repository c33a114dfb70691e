package io.tokenledger.budget.domain;

/** An alert threshold in percent of the limit and whether crossing it is denied (DENY) or only notified. */
public record ThresholdRule(int percent, boolean deny) {
}

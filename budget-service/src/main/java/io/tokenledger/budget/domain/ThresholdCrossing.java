package io.tokenledger.budget.domain;

/** A charge moved a budget's spend (in its unit) in a window past one of its thresholds. */
public record ThresholdCrossing(Budget budget, Window window, int thresholdPercent, long spentNanos) {
}

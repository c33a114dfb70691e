package io.tokenledger.attribution.domain;

/** The width of a query's time buckets. TOTAL is one bucket for the whole range. */
public enum Granularity {
    TOTAL, HOUR, DAY, WEEK, MONTH
}

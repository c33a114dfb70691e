package io.tokenledger.budget.domain;

/** The outcome of a pre-flight check. */
public enum Decision {
    ALLOW,
    WARN,
    DENY
}

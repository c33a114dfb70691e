package io.tokenledger.budget.domain;

/** Whether a budget denies calls (ENFORCE) or only records what it would have denied (SHADOW). */
public enum Enforcement {
    ENFORCE,
    SHADOW
}

package io.tokenledger.platform.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request before failing, so a caller learns all of them at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Records a violation of {@code field} when {@code ok} is false. */
    public Violations check(boolean ok, String field, String description) {
        if (!ok) {
            found.add(new FieldViolation(field, description));
        }
        return this;
    }

    /** Records a violation unconditionally. */
    public Violations add(String field, String description) {
        found.add(new FieldViolation(field, description));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /** Throws {@link TokenLedgerException.Invalid} with every violation found, if any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new TokenLedgerException.Invalid(found);
        }
    }
}

package io.tokenledger.platform.error;

import java.util.List;

/**
 * The error family every service throws. Plain Java, so domain code may use it; the gRPC edge maps each
 * kind to a status (see {@link GrpcErrors}). {@code reason} is a stable UPPER_SNAKE code for ErrorInfo.
 */
public sealed abstract class TokenLedgerException extends RuntimeException {

    private final String reason;

    protected TokenLedgerException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable machine-readable reason, e.g. {@code MODEL_NOT_FOUND}. */
    public String reason() {
        return reason;
    }

    /** The request is invalid; each violation names a field. Maps to INVALID_ARGUMENT. */
    public static final class Invalid extends TokenLedgerException {
        private final List<FieldViolation> violations;

        public Invalid(List<FieldViolation> violations) {
            super("INVALID_ARGUMENT", summarize(violations));
            this.violations = List.copyOf(violations);
        }

        public Invalid(String field, String description) {
            this(List.of(new FieldViolation(field, description)));
        }

        public List<FieldViolation> violations() {
            return violations;
        }

        private static String summarize(List<FieldViolation> violations) {
            StringBuilder text = new StringBuilder("invalid request: ");
            int shown = Math.min(violations.size(), 5);
            for (int i = 0; i < shown; i++) {
                text.append(i == 0 ? "" : "; ").append(violations.get(i));
            }
            if (violations.size() > shown) {
                text.append("; and ").append(violations.size() - shown).append(" more");
            }
            return text.toString();
        }
    }

    /** A named thing does not exist. Maps to NOT_FOUND. */
    public static final class NotFound extends TokenLedgerException {
        public NotFound(String reason, String message) {
            super(reason, message);
        }
    }

    /** The thing to create exists already. Maps to ALREADY_EXISTS. */
    public static final class AlreadyExists extends TokenLedgerException {
        public AlreadyExists(String reason, String message) {
            super(reason, message);
        }
    }

    /** The request conflicts with the current state (etag mismatch, wrong state). Maps to FAILED_PRECONDITION. */
    public static final class FailedPrecondition extends TokenLedgerException {
        public FailedPrecondition(String reason, String message) {
            super(reason, message);
        }
    }

    /**
     * A concurrent change won: the caller's version (etag) is not the current one; re-read and retry.
     * Maps to ABORTED (AIP-154).
     */
    public static final class Aborted extends TokenLedgerException {
        public Aborted(String reason, String message) {
            super(reason, message);
        }
    }

    /** A dependency is down; the caller may retry later. Maps to UNAVAILABLE. */
    public static final class Unavailable extends TokenLedgerException {
        public Unavailable(String reason, String message, Throwable cause) {
            super(reason, message);
            initCause(cause);
        }
    }
}

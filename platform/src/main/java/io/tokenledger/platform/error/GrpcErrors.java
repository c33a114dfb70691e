package io.tokenledger.platform.error;

import com.google.protobuf.Any;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.jboss.logging.Logger;

/**
 * Maps {@link TokenLedgerException}s to gRPC statuses with google.rpc details (AIP-193):
 * BadRequest field violations for INVALID_ARGUMENT, ErrorInfo for the rest, RetryInfo for UNAVAILABLE.
 * Anything unexpected becomes INTERNAL with a generic message; details go to the log only.
 */
public final class GrpcErrors {

    /** The ErrorInfo domain of every TokenLedger error. */
    public static final String DOMAIN = "tokenledger.io";

    /**
     * The most bytes of field violations one answer lists. The status travels in the trailers, which grpc-java clients
     * refuse above 8 KiB by default (the details base64-encoded, plus the message): a client would get INTERNAL
     * "RST_STREAM ... PROTOCOL_ERROR" instead of the violations. About 60 typical violations fit.
     */
    static final int MAX_VIOLATION_BYTES = 4_096;

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /** The status exception a failure should reach the client as. */
    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (failure instanceof StatusException se) {
            return new StatusRuntimeException(se.getStatus(), se.getTrailers());
        }
        if (failure instanceof TokenLedgerException.Invalid invalid) {
            return invalidArgument(invalid);
        }
        if (failure instanceof TokenLedgerException known) {
            Code code = known instanceof TokenLedgerException.NotFound ? Code.NOT_FOUND
                    : known instanceof TokenLedgerException.AlreadyExists ? Code.ALREADY_EXISTS
                    : known instanceof TokenLedgerException.FailedPrecondition ? Code.FAILED_PRECONDITION
                    : known instanceof TokenLedgerException.Aborted ? Code.ABORTED
                    : known instanceof TokenLedgerException.Unavailable ? Code.UNAVAILABLE
                    : Code.INTERNAL;
            if (code == Code.UNAVAILABLE) {
                RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(1)).build();
                return build(code, known.getMessage(), Any.pack(errorInfo(known.reason())), Any.pack(retry));
            }
            return build(code, known.getMessage(), Any.pack(errorInfo(known.reason())));
        }
        LOG.errorf(failure, "Unexpected failure, answered INTERNAL");
        return build(Code.INTERNAL, "internal error; see the service log", Any.pack(errorInfo("INTERNAL")));
    }

    /**
     * INVALID_ARGUMENT with the violations in order, as many as fit in {@link #MAX_VIOLATION_BYTES} (at least one);
     * ErrorInfo's metadata says how many there were and how many are listed.
     */
    private static StatusRuntimeException invalidArgument(TokenLedgerException.Invalid invalid) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        int bytes = 0;
        for (FieldViolation v : invalid.violations()) {
            BadRequest.FieldViolation listed = BadRequest.FieldViolation.newBuilder().setField(v.field())
                    .setDescription(v.description()).build();
            bytes += CodedOutputStream.computeMessageSize(BadRequest.FIELD_VIOLATIONS_FIELD_NUMBER, listed);
            if (bytes > MAX_VIOLATION_BYTES && badRequest.getFieldViolationsCount() > 0) {
                break;
            }
            badRequest.addFieldViolations(listed);
        }
        int total = invalid.violations().size();
        int shown = badRequest.getFieldViolationsCount();
        String message = shown == total ? invalid.getMessage()
                : invalid.getMessage() + " (the first " + shown + " of " + total + " violations are listed in the details)";
        ErrorInfo info = errorInfo(invalid.reason()).toBuilder()
                .putMetadata("violations", String.valueOf(total))
                .putMetadata("violations_listed", String.valueOf(shown)).build();
        return build(Code.INVALID_ARGUMENT, message, Any.pack(badRequest.build()), Any.pack(info));
    }

    private static ErrorInfo errorInfo(String reason) {
        return ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(reason).build();
    }

    private static StatusRuntimeException build(Code code, String message, Any... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message == null ? "" : message);
        for (Any detail : details) {
            status.addDetails(detail);
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** The gRPC code a failure maps to; handy in tests and logs. */
    public static Status.Code codeOf(Throwable failure) {
        return toStatus(failure).getStatus().getCode();
    }
}

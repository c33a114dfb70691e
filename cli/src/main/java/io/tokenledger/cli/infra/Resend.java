package io.tokenledger.cli.infra;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.channels.ClosedChannelException;

/** Which failed calls a client may send again as they are (every TokenLedger write is idempotent on its ids). */
public final class Resend {

    private Resend() {
    }

    /**
     * UNAVAILABLE and DEADLINE_EXCEEDED; and UNKNOWN caused by a closed connection, which grpc-java reports when the
     * server dies while a call is being started (grpc/grpc-java#10120): the call may or may not have arrived.
     */
    public static boolean worthIt(StatusRuntimeException failure) {
        Status.Code code = failure.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.UNKNOWN && closedConnection(failure);
    }

    static boolean closedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}

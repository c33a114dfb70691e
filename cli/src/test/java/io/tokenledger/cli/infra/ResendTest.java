package io.tokenledger.cli.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ResendTest {

    @Test
    void resendsWhatMayNotHaveArrived() {
        assertTrue(Resend.worthIt(Status.UNAVAILABLE.asRuntimeException()));
        assertTrue(Resend.worthIt(Status.DEADLINE_EXCEEDED.asRuntimeException()));
        // As grpc-java reports a server killed while the call starts: UNKNOWN, caused by a closed channel, wrapped.
        assertTrue(Resend.worthIt(Status.UNKNOWN.withDescription("channel closed")
                .withCause(new IOException(new ClosedChannelException())).asRuntimeException()));
    }

    @Test
    void doesNotResendWhatTheServerRejectedOrFailedOn() {
        assertFalse(Resend.worthIt(Status.INVALID_ARGUMENT.asRuntimeException()));
        assertFalse(Resend.worthIt(Status.INTERNAL.asRuntimeException()));
        assertFalse(Resend.worthIt(Status.UNKNOWN.withCause(new IOException("boom")).asRuntimeException()));
    }
}

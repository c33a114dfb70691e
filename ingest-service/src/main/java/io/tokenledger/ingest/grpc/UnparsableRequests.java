package io.tokenledger.ingest.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GlobalInterceptor;
import io.tokenledger.platform.error.GrpcErrors;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request whose bytes protobuf cannot parse (most often invalid UTF-8 in a string field, which proto3 forbids)
 * never reaches the service: the transport drops it and the unary handler answers INTERNAL "Half-closed without a
 * request". That is the client's mistake, not ours, so it is answered INVALID_ARGUMENT with a BadRequest naming
 * {@code events}, like every other malformed request.
 */
@GlobalInterceptor
@ApplicationScoped
public class UnparsableRequests implements ServerInterceptor {

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        boolean[] received = {false};
        ServerCall<Q, A> watched = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (!received[0] && status.getCode() == Status.Code.INTERNAL) {
                    Violations violations = new Violations();
                    violations.add("events", "the request is not a valid " + call.getMethodDescriptor()
                            .getFullMethodName() + " message (for example invalid UTF-8 in a string field)");
                    StatusRuntimeException invalid = invalid(violations);
                    trailers.merge(invalid.getTrailers());
                    super.close(invalid.getStatus(), trailers);
                    return;
                }
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(watched, headers)) {
            @Override
            public void onMessage(Q message) {
                received[0] = true;
                super.onMessage(message);
            }
        };
    }

    private static StatusRuntimeException invalid(Violations violations) {
        try {
            violations.throwIfAny();
            throw new IllegalStateException("no violation");
        } catch (RuntimeException e) {
            return GrpcErrors.toStatus(e);
        }
    }
}

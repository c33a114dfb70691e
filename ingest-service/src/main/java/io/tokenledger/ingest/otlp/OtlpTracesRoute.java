package io.tokenledger.ingest.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tokenledger.ingest.config.OtlpConfig;
import io.tokenledger.platform.error.TokenLedgerException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The OTLP/HTTP edge: {@code POST /v1/traces} on the HTTP port that gRPC shares. Refuses a whole request only
 * when it cannot be read (400), is too large (413) or has another media type or encoding (415), answering a
 * {@code google.rpc.Status} as OTLP asks; otherwise answers 200 with an {@code ExportTraceServiceResponse} whose
 * partial success names the rejected spans. A failure to store (the inbox's database unreachable) is 503, which
 * OTLP exporters retry; retrying is safe because a stored span is a DUPLICATE the second time. Anything else
 * unexpected is 500, which they do not retry: a retry would fail the same way.
 */
@ApplicationScoped
public class OtlpTracesRoute {

    static final String PATH = "/v1/traces";
    static final String TENANT_HEADER = "x-tokenledger-tenant";

    private static final Logger LOG = Logger.getLogger(OtlpTracesRoute.class);

    private final TraceExport export;
    private final int maxBodySize;

    public OtlpTracesRoute(TraceExport export, OtlpConfig config) {
        this.export = export;
        this.maxBodySize = config.maxBodySize();
    }

    void register(@Observes Router router) {
        // The media type first, on a route of its own (Vert.x puts body handlers first within a route): otherwise the
        // body handler would parse a form body (curl's default Content-Type) and fail on a long one. It runs
        // synchronously, so the body handler of the next route still gets the whole body, and refuses one over the
        // limit with 413 before reading it whole.
        router.post(PATH).handler(this::checkMediaType).failureHandler(this::failed);
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                .blockingHandler(this::export, false)
                .failureHandler(this::failed);
    }

    private void checkMediaType(RoutingContext context) {
        if (OtlpPayloads.of(context.request().getHeader("Content-Type")).isEmpty()) {
            refuse(context, OtlpPayloads.JSON, 415, Code.INVALID_ARGUMENT, "Content-Type must be application/x-protobuf"
                    + " or application/json, got " + context.request().getHeader("Content-Type"));
            return;
        }
        context.next();
    }

    private void export(RoutingContext context) {
        OtlpPayloads payload = OtlpPayloads.of(context.request().getHeader("Content-Type")).orElseThrow();
        try {
            // An empty body has no buffer; as protobuf it is a valid empty request.
            Buffer received = context.body().buffer();
            byte[] body = OtlpPayloads.decode(received == null ? new byte[0] : received.getBytes(),
                    context.request().getHeader("Content-Encoding"), maxBodySize);
            ExportTraceServiceRequest request = payload.parse(body);
            Optional<String> tenant = Optional.ofNullable(context.request().getHeader(TENANT_HEADER))
                    .map(String::trim).filter(t -> !t.isEmpty());
            respond(context, payload, 200, export.export(request, tenant));
        } catch (OtlpPayloadException e) {
            refuse(context, payload, e.status(), e.status() == 413 ? Code.RESOURCE_EXHAUSTED : Code.INVALID_ARGUMENT,
                    e.getMessage());
        } catch (TokenLedgerException.Unavailable e) {
            refuse(context, payload, 503, Code.UNAVAILABLE, "the spans could not be stored; retry later");
        } catch (RuntimeException e) {
            LOG.errorf(e, "OTLP export failed");
            refuse(context, payload, 500, Code.INTERNAL, "internal error; see the service log");
        }
    }

    private void failed(RoutingContext context) {
        OtlpPayloads payload = OtlpPayloads.of(context.request().getHeader("Content-Type")).orElse(OtlpPayloads.JSON);
        if (context.statusCode() == 413) {
            refuse(context, payload, 413, Code.RESOURCE_EXHAUSTED, "body exceeds " + maxBodySize + " bytes");
        } else if (context.statusCode() >= 400 && context.statusCode() < 500) {
            refuse(context, payload, context.statusCode(), Code.INVALID_ARGUMENT, "the request could not be read");
        } else {
            LOG.errorf(context.failure(), "OTLP request failed");
            refuse(context, payload, 500, Code.INTERNAL, "internal error; see the service log");
        }
    }

    private static void refuse(RoutingContext context, OtlpPayloads payload, int status, Code code, String message) {
        respond(context, payload, status, Status.newBuilder().setCode(code.getNumber()).setMessage(message).build());
    }

    private static void respond(RoutingContext context, OtlpPayloads payload, int status, Message message) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader("Content-Type", payload.contentType())
                .end(Buffer.buffer(payload.write(message)));
    }
}

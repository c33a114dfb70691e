package io.tokenledger.ingest.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tokenledger.ingest.config.OtlpConfig;
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
 * partial success names the rejected spans. A failure to store is 503, which OTLP exporters retry; retrying is
 * safe because a stored span is a DUPLICATE the second time.
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
        // Vert.x wants the body handler first; it refuses a body over the limit with 413 before reading it whole.
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                .handler(this::checkMediaType)
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
            byte[] body = OtlpPayloads.decode(context.body().buffer().getBytes(),
                    context.request().getHeader("Content-Encoding"), maxBodySize);
            ExportTraceServiceRequest request = payload.parse(body);
            Optional<String> tenant = Optional.ofNullable(context.request().getHeader(TENANT_HEADER))
                    .map(String::trim).filter(t -> !t.isEmpty());
            respond(context, payload, 200, export.export(request, tenant));
        } catch (OtlpPayloadException e) {
            refuse(context, payload, e.status(), e.status() == 413 ? Code.RESOURCE_EXHAUSTED : Code.INVALID_ARGUMENT,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "OTLP export failed");
            refuse(context, payload, 503, Code.UNAVAILABLE, "the spans could not be stored; retry later");
        }
    }

    private void failed(RoutingContext context) {
        OtlpPayloads payload = OtlpPayloads.of(context.request().getHeader("Content-Type")).orElse(OtlpPayloads.JSON);
        if (context.statusCode() == 413) {
            refuse(context, payload, 413, Code.RESOURCE_EXHAUSTED, "body exceeds " + maxBodySize + " bytes");
        } else {
            LOG.errorf(context.failure(), "OTLP request failed");
            refuse(context, payload, 503, Code.UNAVAILABLE, "the spans could not be stored; retry later");
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

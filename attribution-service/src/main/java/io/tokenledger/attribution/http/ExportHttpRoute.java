package io.tokenledger.attribution.http;

import io.tokenledger.attribution.application.CostExporting;
import io.tokenledger.attribution.domain.ExportFormat;
import io.tokenledger.attribution.domain.ExportQuery;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP edge of exports: {@code GET /v1/exports/cost?tenant_id=&start_time=&end_time=&format=csv|focus
 * &granularity=hour|day&filter.<name>=<value>} answers the same file as ExportCost as {@code text/csv}, chunked.
 * Bad parameters are 400 with the field violations as JSON, before anything is streamed. Like the gRPC edge, a
 * chunk is written only while the connection's write queue has room.
 */
@ApplicationScoped
public class ExportHttpRoute {

    static final String PATH = "/v1/exports/cost";
    private static final String FILTER_PREFIX = "filter.";
    private static final long READY_POLL_NANOS = 2_000_000;
    private static final long STALL_LIMIT_NANOS = 120_000_000_000L;
    private static final Logger LOG = Logger.getLogger(ExportHttpRoute.class);

    private final CostExporting exporting;

    public ExportHttpRoute(CostExporting exporting) {
        this.exporting = exporting;
    }

    void register(@Observes Router router) {
        router.get(PATH).blockingHandler(this::export, false);
    }

    private void export(RoutingContext context) {
        HttpServerResponse response = context.response();
        ExportQuery query;
        try {
            query = query(context.queryParams());
        } catch (TokenLedgerException.Invalid invalid) {
            JsonArray violations = new JsonArray();
            for (FieldViolation v : invalid.violations()) {
                violations.add(new JsonObject().put("field", v.field()).put("description", v.description()));
            }
            response.setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("code", "INVALID_ARGUMENT").put("violations", violations).encode());
            return;
        }
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"cost-" + query.format().name()
                        .toLowerCase(Locale.ROOT) + ".csv\"");
        try {
            exporting.export(query, (data, rows) -> write(response, data));
            if (!response.closed()) {
                response.end();
            }
        } catch (RuntimeException e) {
            // The status line is gone: breaking the connection is the only way to tell the client the file is cut.
            LOG.errorf(e, "export failed mid-stream");
            response.reset();
        }
    }

    /** Writes when the write queue has room; false when the client has gone or stopped reading for too long. */
    private static boolean write(HttpServerResponse response, byte[] data) {
        long since = System.nanoTime();
        while (response.writeQueueFull()) {
            if (response.closed() || System.nanoTime() - since > STALL_LIMIT_NANOS) {
                response.reset();
                return false;
            }
            LockSupport.parkNanos(READY_POLL_NANOS);
        }
        if (response.closed()) {
            return false;
        }
        response.write(Buffer.buffer(data));
        return true;
    }

    /** The query the parameters describe, validated like ExportCost (same field names). */
    static ExportQuery query(MultiMap params) {
        Violations violations = new Violations();
        Optional<Instant> start = instant(params.get("start_time"), "start_time", violations);
        Optional<Instant> end = instant(params.get("end_time"), "end_time", violations);
        violations.throwIfAny();
        Optional<ExportFormat> format = Optional.empty();
        String formatName = Optional.ofNullable(params.get("format")).orElse("").toLowerCase(Locale.ROOT);
        if (formatName.equals("csv")) {
            format = Optional.of(ExportFormat.CSV);
        } else if (formatName.equals("focus")) {
            format = Optional.of(ExportFormat.FOCUS);
        }
        Optional<Granularity> granularity;
        String granularityName = Optional.ofNullable(params.get("granularity")).orElse("").toLowerCase(Locale.ROOT);
        switch (granularityName) {
            case "": granularity = Optional.empty(); break;
            case "hour": granularity = Optional.of(Granularity.HOUR); break;
            case "day": granularity = Optional.of(Granularity.DAY); break;
            default: granularity = Optional.of(Granularity.TOTAL); // rejected by validation, named granularity
        }
        Map<String, String> filters = new TreeMap<>();
        for (Map.Entry<String, String> param : params) {
            if (param.getKey().startsWith(FILTER_PREFIX)) {
                filters.put(param.getKey().substring(FILTER_PREFIX.length()), param.getValue());
            }
        }
        return ExportQuery.parse(Optional.ofNullable(params.get("tenant_id")).orElse(""), start, end, format,
                granularity, filters);
    }

    private static Optional<Instant> instant(String value, String field, Violations violations) {
        if (value == null || value.isEmpty()) {
            return Optional.empty(); // "is required" comes from the query's own validation
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            violations.add(field, "must be an ISO-8601 UTC instant such as 2026-03-02T10:00:00Z");
            return Optional.empty();
        }
    }
}

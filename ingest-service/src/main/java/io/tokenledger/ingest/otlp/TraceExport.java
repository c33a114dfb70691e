package io.tokenledger.ingest.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tokenledger.ingest.application.PartialRecording;
import io.tokenledger.ingest.config.OtlpConfig;
import io.tokenledger.ingest.domain.UsageEvent;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import io.tokenledger.platform.error.FieldViolation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One OTLP trace export: GenAI spans -> usage events -> {@link PartialRecording} (RecordUsage's pipeline), answered
 * with the OTLP partial success: the number of GenAI spans rejected and, for each, the span and the reason.
 * Spans without GenAI usage are ignored, not rejected. Accepted spans are durable in the inbox when this returns.
 */
@ApplicationScoped
public class TraceExport {

    private static final Logger LOG = Logger.getLogger(TraceExport.class);

    private final PartialRecording recording;
    private final int maxRejectionsListed;

    public TraceExport(PartialRecording recording, OtlpConfig config) {
        this.recording = recording;
        this.maxRejectionsListed = config.maxRejectionsListed();
    }

    ExportTraceServiceResponse export(ExportTraceServiceRequest request, Optional<String> headerTenant) {
        List<SpanUsage> spans = GenAiSpans.map(request, headerTenant);
        List<SpanUsage.Event> events = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        for (SpanUsage span : spans) {
            if (span instanceof SpanUsage.Event event) {
                events.add(event);
            } else if (span instanceof SpanUsage.Rejected rejected) {
                rejections.add(rejected.span() + ": " + rejected.reason());
            }
        }
        List<UsageEvent> domain = events.stream().map(e -> UsageEventProtos.toDomain(e.event())).toList();
        List<PartialRecording.Outcome> outcomes = recording.record(domain);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).rejected()) {
                rejections.add(events.get(i).span() + ": " + describe(outcomes.get(i).violations()));
            }
        }
        if (rejections.isEmpty()) {
            return ExportTraceServiceResponse.getDefaultInstance();
        }
        LOG.infof("OTLP export: %d of %d GenAI spans rejected", rejections.size(), spans.size());
        return ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejections.size())
                .setErrorMessage(message(rejections, spans.size()))).build();
    }

    private String message(List<String> rejections, int genAiSpans) {
        String listed = String.join("; ", rejections.subList(0, Math.min(rejections.size(), maxRejectionsListed)));
        int more = rejections.size() - maxRejectionsListed;
        return rejections.size() + " of " + genAiSpans + " GenAI spans rejected: " + listed
                + (more > 0 ? "; and " + more + " more" : "");
    }

    private static String describe(List<FieldViolation> violations) {
        return violations.stream().map(v -> v.field().isEmpty() ? v.description() : v.field() + " " + v.description())
                .collect(Collectors.joining(", "));
    }
}

package io.tokenledger.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP/JSON: the proto3 JSON mapping (lowerCamelCase keys, int64 as numbers or strings, enums as integers) except
 * that trace and span ids are hex strings instead of base64. The ids are rewritten to base64 in the JSON tree,
 * then protobuf's own JSON parser reads the message; unknown fields are ignored, as OTLP requires.
 */
final class OtlpJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final List<String> SPAN_IDS = List.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id",
            "parent_span_id");
    private static final List<String> LINK_IDS = List.of("traceId", "spanId", "trace_id", "span_id");

    private OtlpJson() {
    }

    /** @throws OtlpPayloadException (400) naming what is wrong */
    static ExportTraceServiceRequest parse(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw OtlpPayloadException.badRequest("body is not valid JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw OtlpPayloadException.badRequest("body must be a JSON object (an ExportTraceServiceRequest)");
        }
        JsonNode resourceSpans = field(tree, "resourceSpans", "resource_spans");
        for (int r = 0; r < resourceSpans.size(); r++) {
            JsonNode scopeSpans = field(resourceSpans.get(r), "scopeSpans", "scope_spans");
            for (int s = 0; s < scopeSpans.size(); s++) {
                JsonNode spans = field(scopeSpans.get(s), "spans", "spans");
                for (int i = 0; i < spans.size(); i++) {
                    String path = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
                    hexToBase64(spans.get(i), SPAN_IDS, path);
                    JsonNode links = field(spans.get(i), "links", "links");
                    for (int l = 0; l < links.size(); l++) {
                        hexToBase64(links.get(l), LINK_IDS, path + ".links[" + l + "]");
                    }
                }
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        try {
            PARSER.merge(JSON.writeValueAsString(tree), request);
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw OtlpPayloadException.badRequest("body is not an OTLP ExportTraceServiceRequest: " + firstLine(e));
        }
        return request.build();
    }

    static String print(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
        }
    }

    private static JsonNode field(JsonNode node, String camel, String snake) {
        if (node == null || !node.isObject()) {
            return JSON.createArrayNode();
        }
        JsonNode value = node.has(camel) ? node.get(camel) : node.get(snake);
        return value != null && value.isArray() ? value : JSON.createArrayNode();
    }

    private static void hexToBase64(JsonNode node, List<String> keys, String path) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String key : keys) {
            JsonNode value = object.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw OtlpPayloadException.badRequest(path + "." + key + " must be a hex string");
            }
            try {
                byte[] bytes = HexFormat.of().parseHex(value.textValue());
                object.put(key, Base64.getEncoder().encodeToString(bytes));
            } catch (IllegalArgumentException e) {
                throw OtlpPayloadException.badRequest(path + "." + key + " must be a hex string, got \""
                        + abbreviate(value.textValue()) + "\"");
            }
        }
    }

    private static String abbreviate(String text) {
        return abbreviate(text, 40);
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return abbreviate(newline < 0 ? message : message.substring(0, newline), 200);
    }
}

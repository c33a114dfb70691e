package io.tokenledger.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The two OTLP/HTTP encodings: binary protobuf ({@code application/x-protobuf}) and JSON ({@code application/json}),
 * each optionally gzip-compressed ({@code Content-Encoding: gzip}). The answer is written in the request's encoding.
 */
enum OtlpPayloads {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String contentType;

    OtlpPayloads(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The encoding of a Content-Type header (parameters such as charset are ignored). */
    static Optional<OtlpPayloads> of(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return Optional.empty();
        }
        String mediaType = contentTypeHeader.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (OtlpPayloads payload : values()) {
            if (payload.contentType.equals(mediaType)) {
                return Optional.of(payload);
            }
        }
        return Optional.empty();
    }

    ExportTraceServiceRequest parse(byte[] body) {
        if (this == JSON) {
            return OtlpJson.parse(body);
        }
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw OtlpPayloadException.badRequest("body is not a protobuf ExportTraceServiceRequest: " + e.getMessage());
        }
    }

    byte[] write(Message message) {
        return this == JSON ? OtlpJson.print(message).getBytes(StandardCharsets.UTF_8) : message.toByteArray();
    }

    /**
     * The body without its Content-Encoding. Decompression stops past {@code maxBytes}, so a small gzip bomb
     * cannot exhaust memory.
     */
    static byte[] decode(byte[] body, String contentEncoding, int maxBytes) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return body;
        }
        if (!encoding.equals("gzip")) {
            throw OtlpPayloadException.unsupportedMediaType("Content-Encoding " + contentEncoding
                    + " is not supported: send gzip or no encoding");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 4 + 64));
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > maxBytes) {
                    throw OtlpPayloadException.tooLarge("the decompressed body exceeds " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw OtlpPayloadException.badRequest("body is not valid gzip: " + e.getMessage());
        }
    }
}

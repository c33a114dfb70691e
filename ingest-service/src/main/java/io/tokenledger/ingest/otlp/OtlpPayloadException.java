package io.tokenledger.ingest.otlp;

/** A request the endpoint refuses as a whole, with its HTTP status and a message for the client. */
final class OtlpPayloadException extends RuntimeException {

    private final int status;

    private OtlpPayloadException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static OtlpPayloadException badRequest(String message) {
        return new OtlpPayloadException(400, message);
    }

    static OtlpPayloadException tooLarge(String message) {
        return new OtlpPayloadException(413, message);
    }

    static OtlpPayloadException unsupportedMediaType(String message) {
        return new OtlpPayloadException(415, message);
    }

    int status() {
        return status;
    }
}

package io.tokenledger.cli.webhook;

import java.time.Instant;

/** A webhook as the receiver got it, and whether its signature verified. */
public record ReceivedWebhook(String id, String timestamp, boolean signatureValid, String body, Instant receivedTime) {
}

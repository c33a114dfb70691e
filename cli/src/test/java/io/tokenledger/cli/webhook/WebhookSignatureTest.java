package io.tokenledger.cli.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The Standard Webhooks specification's test vector.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String BODY = "{\"test\": 2432232314}";
    // printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(echo -n MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 100) -binary | base64
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void signsTheSpecVector() {
        assertThat(signature.sign(ID, 1614265330, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void verifiesAndRejects() {
        assertThat(signature.verify(ID, "1614265330", BODY, EXPECTED)).isTrue();
        assertThat(signature.verify(ID, "1614265330", BODY, "v1,bogus " + EXPECTED)).isTrue();
        assertThat(signature.verify(ID, "1614265331", BODY, EXPECTED)).isFalse();
        assertThat(signature.verify(ID, "1614265330", BODY + " ", EXPECTED)).isFalse();
        assertThat(signature.verify("msg_other", "1614265330", BODY, EXPECTED)).isFalse();
        assertThat(signature.verify(ID, "not-a-number", BODY, EXPECTED)).isFalse();
        assertThat(signature.verify(ID, "1614265330", BODY, null)).isFalse();
        assertThat(new WebhookSignature(WebhookSignature.newSecret()).verify(ID, "1614265330", BODY, EXPECTED))
                .isFalse();
    }

    @Test
    void receiverKeepsWebhooksAndAnswers204() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, new PrintStream(printed, true), body -> "x")) {
            HttpClient http = HttpClient.newHttpClient();
            int good = post(http, receiver.url(), EXPECTED);
            int bad = post(http, receiver.url(), "v1,AAAA");

            assertThat(good).isEqualTo(204);
            assertThat(bad).isEqualTo(204);
            assertThat(receiver.received()).extracting(ReceivedWebhook::signatureValid).containsExactly(true, false);
            assertThat(receiver.received().get(0).body()).isEqualTo(BODY);
            assertThat(printed.toString()).contains("signature valid").contains("signature INVALID");
        }
    }

    private static int post(HttpClient http, String url, String signatureHeader) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("webhook-id", ID).header("webhook-timestamp", "1614265330")
                .header("webhook-signature", signatureHeader)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

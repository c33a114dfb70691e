package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void matchesTheStandardWebhooksSpecVector() {
        // Computed independently:
        // printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
        //   | openssl dgst -sha256 -hmac "$(echo MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d)" -binary | base64
        // -> g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void secretsAreChecked() {
        assertThat(WebhookSecret.problem("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEmpty(); // 24 bytes
        assertThat(WebhookSecret.problem("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isPresent();
        assertThat(WebhookSecret.problem("whsec_AAAA")).contains("key must be 24..64 bytes, got 3");
        assertThat(WebhookSecret.problem("whsec_!!!")).isPresent();
    }
}

package io.tokenledger.budget.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc;
import io.tokenledger.platform.error.GrpcErrors;
import io.tokenledger.platform.error.TokenLedgerException;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PricingClientTest {

    @Test
    void pricingDownIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", closedPort).usePlaintext().build();
        try {
            PricingClient client = new PricingClient(PricingServiceGrpc.newBlockingStub(channel), java.time.Duration.ofSeconds(30));
            TokenLedgerException.Unavailable down = catchThrowableOfType(TokenLedgerException.Unavailable.class,
                    () -> client.price("t1", "openai", "gpt-5-mini", Instant.EPOCH, TokenUsage.newBuilder().setInputTokens(1).build()));
            assertThat(down.reason()).isEqualTo("PRICING_UNAVAILABLE");
            assertThat(GrpcErrors.codeOf(down)).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
        } finally {
            channel.shutdownNow();
        }
    }
}

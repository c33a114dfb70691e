package io.tokenledger.pricing.grpc;

import io.quarkus.grpc.GrpcClient;
import io.tokenledger.api.pricing.v1.PricingServiceGrpc.PricingServiceBlockingStub;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared part of the tests that price through the book the service starts with ({@link SeededBook}); each
 * subclass is a {@code @QuarkusTest} on {@code LiteLlmImportTest.WithLiteLlm}.
 */
abstract class SeededBookTest {

    @GrpcClient("pricing")
    PricingServiceBlockingStub pricing;

    SeededBook book;

    @BeforeEach
    void connect() {
        book = new SeededBook(pricing);
    }
}

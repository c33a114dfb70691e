package io.tokenledger.ingest.grpc;

import static io.tokenledger.ingest.grpc.Events.event;
import static io.tokenledger.ingest.grpc.Events.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.ingest.v1.IngestServiceGrpc;
import io.tokenledger.api.ingest.v1.RecordUsageRequest;
import io.tokenledger.ingest.fakes.Fakes;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prompt-prefix hash and its token count reach the ledger record unchanged; the inbox payload keeps them. */
@QuarkusTest
class PromptPrefixPassthroughTest {

    @GrpcClient("ingest")
    IngestServiceGrpc.IngestServiceBlockingStub ingest;

    @BeforeEach
    void healthyDownstream() {
        Fakes.ATTRIBUTION_FAILURE.set(null);
    }

    @Test
    void the_prefix_hash_and_tokens_are_passed_to_attribution() {
        String tenant = newTenant();
        ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "p-1", "gpt-5-mini", 4808, 10)
                        .setPromptPrefixHash("sha256:9f86d081").setPromptPrefixTokens(4096))
                .addEvents(event(tenant, "p-2", "gpt-5-mini", 100, 10))
                .build());

        List<CostRecord> records = Fakes.recordedFor(tenant);
        assertThat(records).extracting(CostRecord::getEventId, CostRecord::getPromptPrefixHash,
                        CostRecord::getPromptPrefixTokens)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p-1", "sha256:9f86d081", 4096L),
                        org.assertj.core.groups.Tuple.tuple("p-2", "", 0L));
    }

    @Test
    void a_prefix_longer_than_the_prompt_is_rejected_and_nothing_is_recorded() {
        String tenant = newTenant();
        StatusRuntimeException error = catchThrowableOfType(() -> ingest.recordUsage(RecordUsageRequest.newBuilder()
                .addEvents(event(tenant, "p-3", "gpt-5-mini", 100, 10)
                        .setPromptPrefixHash("h").setPromptPrefixTokens(101))
                .build()), StatusRuntimeException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("events[0].prompt_prefix_tokens");
        assertThat(Fakes.recordedFor(tenant)).isEmpty();
    }

    @Test
    void the_inbox_payload_keeps_the_prefix() {
        var proto = event("t-x", "p-4", "gpt-5-mini", 600, 1).setPromptPrefixHash("abc").setPromptPrefixTokens(512)
                .build();
        var restored = UsageEventProtos.fromBytes(UsageEventProtos.toBytes(UsageEventProtos.toDomain(proto)));
        assertThat(restored.promptPrefixHash()).isEqualTo("abc");
        assertThat(restored.promptPrefixTokens()).isEqualTo(512);
    }
}
